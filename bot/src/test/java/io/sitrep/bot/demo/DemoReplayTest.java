package io.sitrep.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.config.StorageSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;

/**
 * {@code --demo} as a headless run gives it: the whole replay through the real application, then
 * what it left behind, read from Sitrep's own store, its exports and its status page.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(180)
class DemoReplayTest {

    @TempDir
    Path dir;

    @Test
    void replaysTheFoundingIncidentThroughSitrepItself(CapturedOutput output) throws Exception {
        Path dataDir = dir.resolve("demo-data");
        try (ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class)
                .run("--demo", "--sitrep.demo.data-dir=" + dataDir, "--server.port=0",
                        "--sitrep.console.enabled=false")) {
            IncidentStore store = sitrep.getBean(IncidentStore.class);
            Incident incident = store.find(new IncidentId(1)).orElseThrow();
            List<TimelineEntry> timeline = store.timeline(incident.id());

            assertThat(incident.state()).isEqualTo(IncidentState.CLOSED);
            assertThat(incident.detectedAt()).isEqualTo(Instant.parse("2026-02-26T08:19:00Z"));
            assertThat(timeline).filteredOn(e -> e.kind() == TimelineKind.DECLARED).singleElement()
                    .satisfies(declared -> assertThat(declared.source()).as("declared by the alert").isEqualTo(Watcher.ALERT.wireName()));
            assertThat(timeline).filteredOn(e -> e.kind() == TimelineKind.STATUS_CHANGED)
                    .extracting(e -> e.data().get("from") + " → " + e.data().get("to"))
                    .containsExactly("TRIAGE → INVESTIGATING", "INVESTIGATING → IDENTIFIED", "IDENTIFIED → MONITORING",
                            "MONITORING → RESOLVED", "RESOLVED → POSTMORTEM", "POSTMORTEM → CLOSED");
            assertThat(timeline).filteredOn(e -> e.kind() == TimelineKind.REMINDER).singleElement()
                    .satisfies(reminder -> {
                        assertThat(reminder.at()).as("sent by the reminder clock when due")
                                .isBetween(Instant.parse("2026-02-26T08:36:00Z"), Instant.parse("2026-02-26T08:36:05Z"));
                        assertThat(reminder.text()).contains("No update yet");
                    });

            assertThat(output.getOut()).as("the health guard refused the resolve once, and nothing else was refused")
                    .containsOnlyOnce("✗ Can't resolve INC-1: node-3 is DOWN since 2026-02-26 08:19 UTC")
                    .containsOnlyOnce("✗ ")
                    .contains("⏰ Stakeholder update due for INC-1")
                    .contains("🩺 node-3: HEALTHY → DOWN");

            String postmortem = Files.readString(dataDir.resolve("exports/INC-1-postmortem.md"));
            assertThat(postmortem).contains("| Detected | 2026-02-26 08:19 UTC |", "| Declared | 2026-02-26 08:19 UTC |",
                    "| Identified | 2026-02-26 08:40 UTC |", "| Mitigated | 2026-02-26 08:52 UTC |",
                    "| Resolved | 2026-02-26 09:20 UTC |", "| First stakeholder update | 2026-02-26 08:37 UTC |")
                    .doesNotContain("DRAFT");
            assertThat(dataDir.resolve("exports/INC-1-postmortem.html")).isRegularFile();

            Path used = sitrep.getBean(StorageSettings.class).dataDir();
            assertThat(used).as("the demo's own directory, not the default one").isEqualTo(dataDir)
                    .isNotEqualTo(Path.of("./data"));

            String port = sitrep.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.body()).contains("ConnectMe (EU)", "Logins not answering in eu-west");
        }
    }
}
