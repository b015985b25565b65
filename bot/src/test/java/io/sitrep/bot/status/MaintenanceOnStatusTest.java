package io.sitrep.bot.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.bot.maintenance.MaintenanceClock;
import io.sitrep.bot.maintenance.MaintenanceDesk;
import io.sitrep.bot.maintenance.MaintenanceStore;
import io.sitrep.bot.maintenance.MaintenanceView;
import io.sitrep.bot.postmortem.HeadlessChromium;
import io.sitrep.bot.postmortem.IncidentReplay;
import io.sitrep.config.StatusSettings;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisMaintenance;
import io.sitrep.integrations.redis.TestRedis;

/**
 * A maintenance window on the status page as it moves: "Scheduled maintenance" with its window
 * in UTC, its components and posts while it is ahead and running, then among the past ones;
 * the same in the JSON and the feed; every text escaped. Rendered by Chromium when it is there.
 */
@Timeout(300)
class MaintenanceOnStatusTest {

    private static final StatusSettings SETTINGS = new StatusSettings("ConnectMe status", List.of(
            new StatusSettings.Component("ConnectMe (EU)", "ConnectMe (EU)", null),
            new StatusSettings.Component("ConnectMe (US)", "connectme", "us-east")));
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Instant FROM = Instant.parse("2026-12-08T02:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-08T04:00:00Z");
    private static final Path OUT = Path.of("target", "status-page");

    private final IncidentReplay replay = IncidentReplay.connectMe();
    private final RedisConnection redis = RedisConnection.open(TestRedis.server().url() + "/1");
    private final MaintenanceDesk desk = new MaintenanceDesk(new MaintenanceStore(new RedisMaintenance(redis)),
            replay.clock);
    private final MaintenanceView view = new MaintenanceView(desk.store(), replay.clock, Duration.ofSeconds(5));
    private final StatusController status = new StatusController(replay.store, SETTINGS, replay.clock, JSON, view, "");

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void aWindowIsShownAheadAndRunningThenAmongThePastOnesInHtmlJsonAndTheFeed() throws Exception {
        desk.onChange(view::forget);
        replay.clock.set(Instant.parse("2026-12-07T12:00:00Z"));
        desk.schedule("Database <upgrade>", "connectme", "us-east", FROM, TO, "<@U0BOSS>");

        String ahead = page();
        assertThat(ahead).contains("<h2>Scheduled maintenance</h2><article id=\"MNT-1\"><h3>Database &lt;upgrade&gt;</h3>"
                        + "<p><strong>Scheduled</strong> · Dec 8, 2026 02:00 – 04:00 UTC</p>")
                .contains("<strong>Scheduled</strong> - Scheduled maintenance: Database &lt;upgrade&gt; on connectme "
                        + "(us-east), Dec 8, 2026 02:00 – 04:00 UTC.<br><small>Posted Dec 07, 2026 - 12:00 UTC</small>")
                .contains("This maintenance affects: ConnectMe (US)")
                .doesNotContain("<upgrade>").doesNotContain("U0BOSS");
        assertThat(ahead.indexOf("Scheduled maintenance")).as("before the past incidents")
                .isLessThan(ahead.indexOf("Past incidents"));

        replay.clock.set(FROM.plusSeconds(30));
        new MaintenanceClock(desk).runDue();
        JsonNode running = json();
        assertThat(running.path("maintenance")).hasSize(1);
        JsonNode window = running.path("maintenance").get(0);
        assertThat(window.path("id").asText()).isEqualTo("MNT-1");
        assertThat(window.path("state").asText()).isEqualTo("In progress");
        assertThat(window.path("window").asText()).isEqualTo("Dec 8, 2026 02:00 – 04:00 UTC");
        assertThat(window.path("affected").get(0).asText()).isEqualTo("ConnectMe (US)");
        assertThat(window.path("posts").findValuesAsText("label")).containsExactly("In progress", "Scheduled");
        String runningPage = page();
        assertThat(runningPage).contains("<strong>In progress</strong> · Dec 8, 2026 02:00 – 04:00 UTC");
        shots("maintenance-running", runningPage);

        replay.clock.set(TO.plusSeconds(30));
        new MaintenanceClock(desk).runDue();
        String over = page();
        assertThat(over).doesNotContain("<h2>Scheduled maintenance</h2>")
                .contains("<h3>Past maintenance</h3><article id=\"MNT-1\"><h3>Database &lt;upgrade&gt;</h3>"
                        + "<p><strong>Completed</strong> · Dec 8, 2026 02:00 – 04:00 UTC</p>")
                .contains("<strong>Completed</strong> - Maintenance completed: Database &lt;upgrade&gt; on connectme "
                        + "(us-east).");
        assertThat(json().path("pastMaintenance").get(0).path("state").asText()).isEqualTo("Completed");
        String feed = new String(status.feed(null, null).getBody(), StandardCharsets.UTF_8);
        assertThat(feed).contains("<title>Completed - Database &lt;upgrade&gt;</title>")
                .contains("<title>Scheduled - Database &lt;upgrade&gt;</title>")
                .contains("<link rel=\"alternate\" type=\"text/html\" href=\"/status#MNT-1\"/>");
    }

    /** The page as a visitor gets it, past the page's one-second cache. */
    private String page() throws InterruptedException {
        Thread.sleep(1_100);
        return new String(status.page(null, null).getBody(), StandardCharsets.UTF_8);
    }

    private JsonNode json() throws Exception {
        Thread.sleep(1_100);
        return JSON.readTree(status.json(null, null).getBody());
    }

    /** Phone and desktop screenshots of the page under target/status-page/, where Chromium is installed. */
    private static void shots(String name, String html) throws IOException {
        java.util.Optional<Path> chromium = HeadlessChromium.locate(new StringBuilder());
        if (chromium.isEmpty()) {
            System.out.println("No Chromium here: the maintenance page is not rendered");
            return;
        }
        Files.createDirectories(OUT);
        Path page = OUT.resolve(name + ".html").toAbsolutePath();
        Files.writeString(page, html, StandardCharsets.UTF_8);
        HeadlessChromium.Run dom = HeadlessChromium.dumpDom(chromium.get(), page);
        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        assertThat(dom.stdout()).contains("Scheduled maintenance").contains("Dec 8, 2026 02:00 – 04:00 UTC");
        for (String size : List.of("390,844", "1280,900")) {
            Path shot = OUT.resolve(name + "-" + size.replace(',', 'x') + ".png").toAbsolutePath();
            Files.deleteIfExists(shot);
            HeadlessChromium.Run run = HeadlessChromium.screenshot(chromium.get(), page, shot, size);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.size(shot)).as("a real picture of " + shot.getFileName()).isGreaterThan(10_000);
        }
    }
}
