package io.sitrep.bot.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The whole application with one of its own loops made to block: a chat platform that, in this
 * test's context only, waits on a lock forever inside the delivery workers. Liveness goes DOWN
 * within the stall time, after the blocked worker's thread is logged; it is UP before and again
 * once the lock is let go.
 */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class SelfCheckLivenessTest {

    static final CountDownLatch LET_GO = new CountDownLatch(1);

    /** The test-only hook: a platform whose every post waits on a lock nobody releases (until the test does). */
    @Configuration(proxyBeanMethods = false)
    static class StuckPlatform {
        @Bean
        ChatGateway stuckGateway() {
            return new ChatGateway() {
                @Override
                public DeliveryResult deliver(Delivery delivery, DeliverySteps steps) {
                    try {
                        LET_GO.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return DeliveryResult.delivered();
                }

                @Override
                public String platform() {
                    return "stuck";
                }
            };
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aBlockedDeliveryLoopTakesLivenessDownAfterItsThreadIsLogged(CapturedOutput log) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SitrepApplication.class, StuckPlatform.class)
                .run("--server.port=0", "--sitrep.console.enabled=false", "--sitrep.api.token=selfcheck",
                        "--sitrep.data-dir=" + TestRedis.tempDir("selfcheck-app"),
                        "--sitrep.redis.url=" + TestRedis.server().url() + "/10",
                        "--sitrep.selfcheck.stall-after=2s", "--sitrep.selfcheck.check-every=200ms")) {
            int port = app.getEnvironment().getProperty("local.management.port", Integer.class);
            assertThat(status(port)).isEqualTo(200);

            app.getBean(CommandDispatcher.class).handle(new ChatCommand("declare \"checkout errors\"",
                    new Actor("alice"), new ChannelRef("stuck", "ops"))); // declared there, so it lives there

            await().atMost(Duration.ofSeconds(20)).until(() -> status(port) == 503);
            assertThat(log.getOut()).contains("Self-check: the delivery loop is stalled")
                    .contains("WAITING on java.util.concurrent.CountDownLatch")
                    .contains("SelfCheckLivenessTest$StuckPlatform$1.deliver(");
            int dumpAt = log.getOut().indexOf("Self-check: the delivery loop is stalled");
            assertThat(log.getOut().substring(dumpAt)).as("the threads are logged before liveness answers DOWN")
                    .contains("\"delivery-");

            LET_GO.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> status(port) == 200);
        } finally {
            LET_GO.countDown();
        }
    }

    private int status(int port) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
