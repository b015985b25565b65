package io.sitrep.bot.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.sitrep.incident.Incident;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A heartbeat that never beats, in the running app: its watch opens one incident, the paging
 * rule adds no page of its own, and the reminder clock notifies the page on the heartbeat's
 * policy — while the silence goes on over many rounds.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
    "sitrep.console.enabled=false",
    "sitrep.paging.severities=SEV1,SEV2,SEV3,SEV4",
    "sitrep.paging.heartbeats[0].name=cron",
    "sitrep.paging.heartbeats[0].every=PT1S",
    "sitrep.paging.heartbeats[0].grace=PT0S",
    "sitrep.paging.heartbeats[0].policy=platform"
})
// Closed after the class: its heartbeat watch would otherwise keep running beside later tests on the shared Redis.
@DirtiesContext
class HeartbeatPagingAppTest {

    private static final Path ONCALL = OnCallFixture.platformPolicy("heartbeat-paging");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestRedis.flushed();
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.oncall.dir", ONCALL::toString);
    }

    @Autowired
    IncidentStore store;

    @Test
    void aSilenceOpensOneIncidentWhosePageTheReminderClockNotifies() throws Exception {
        Optional<TimelineEntry> paged = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (paged.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            paged = store.findAll().stream().flatMap(i -> store.timeline(i.id()).stream())
                    .filter(e -> e.kind() == TimelineKind.PAGED).findFirst();
        }
        assertThat(paged).as("the page was notified").hasValueSatisfying(e -> assertThat(e.text())
                .startsWith("Paged lead for INC-1/P1 (person:lead, level 1 of 1): heartbeat cron missed: never seen"));
        Thread.sleep(3_000); // several more rounds of the watch, the heartbeat still silent

        List<Incident> incidents = store.findAll();
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.title()).isEqualTo("Monitoring has gone quiet: heartbeat cron missed");
            assertThat(incident.paging().pages()).as("the rule added none, though every severity pages")
                    .singleElement().satisfies(page -> {
                        assertThat(page.policy()).isEqualTo("platform");
                        assertThat(page.requestedBy()).isEqualTo("heartbeat");
                        assertThat(page.level()).as("its first level notified").isZero();
                    });
        });
    }
}
