package io.sitrep.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;

/** When the command queue is full, Slack hears at once that nothing was done; nothing typed is lost silently. */
class SlackBusyTest extends SlackAppTest {

    @Test
    void aFullQueueAnswersInTheAckAndKeepsTheModalOpen() throws Exception {
        ThreadPoolExecutor commands = (ThreadPoolExecutor) slackCommandExecutor;
        CountDownLatch release = new CountDownLatch(1);
        try {
            for (int i = 0; i < commands.getMaximumPoolSize(); i++) {
                commands.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            // Every thread held first, so that nothing leaves the queue once it is full.
            await().atMost(Duration.ofSeconds(10)).until(() -> commands.getActiveCount() == commands.getMaximumPoolSize());
            while (commands.getQueue().remainingCapacity() > 0) {
                commands.execute(() -> { });
            }

            HttpResponse<String> command = post(slashCommand("declare \"Checkout errors\""));
            HttpResponse<String> modal = post(viewSubmission("sitrep.card-action", "V0BUSY", "INC-1|resolved|C0INC1",
                    Map.of("text", "Rolled back the deploy")));

            assertThat(command.statusCode()).isEqualTo(200);
            assertThat(command.body()).contains("too busy").contains("nothing was done");
            assertThat(modal.statusCode()).isEqualTo(200);
            assertThat(modal.body()).contains("\"response_action\":\"errors\"").contains("too busy");
        } finally {
            release.countDown();
        }
        assertThat(store.find(new IncidentId(1))).isEmpty();
    }
}
