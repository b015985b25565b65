package io.sitrep.bot.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;

/** The shipped runbooks, user overrides, and matching. */
class RunbookCatalogTest {

    @TempDir
    Path userRunbooks;

    @Test
    void theShippedRunbooksLoadWithoutProblems() {
        RunbookCatalog catalog = RunbookCatalog.load(null);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.all()).extracting(Runbook::id).contains("platform-node-unresponsive", "service-degradation");
        Runbook node = catalog.find("platform-node-unresponsive").orElseThrow();
        assertThat(node.steps()).extracting(Runbook.Step::id)
                .containsExactly("scope", "diagnostics", "restart", "node-healthy", "validate", "update");
        assertThat(node.steps().get(1).warn()).contains("Do not terminate the pod before capturing a thread dump");
    }

    @Test
    void matchesByKeywordServiceAlertAndLabels() throws IOException {
        Files.writeString(userRunbooks.resolve("orders.yml"), """
                id: orders-db
                title: Orders database
                match:
                  service: [orders]
                  alert: [PostgresDown]
                  labels: {team: storage}
                steps:
                  - {id: look, title: Look}
                """);
        RunbookCatalog catalog = RunbookCatalog.load(userRunbooks);

        assertThat(ids(catalog.matching(incident("platform-node-7 is DOWN: hung", null), null, Map.of())))
                .containsExactly("platform-node-unresponsive");
        assertThat(ids(catalog.matching(incident("Checkout slow in EU", null), null, Map.of())))
                .containsExactly("service-degradation");
        assertThat(ids(catalog.matching(incident("Orders", "orders"), "PostgresDown", Map.of("team", "storage"))))
                .containsExactly("orders-db");
        assertThat(ids(catalog.matching(incident("Orders", "orders"), "PostgresDown", Map.of("team", "web"))))
                .isEmpty();
    }

    @Test
    void aUserRunbookReplacesTheShippedOneAndABrokenFileLeavesTheRest() throws IOException {
        Files.writeString(userRunbooks.resolve("mine.yml"), """
                id: service-degradation
                title: Our own degradation runbook
                match: {keywords: [slow]}
                steps:
                  - {id: page, title: Page the owning team}
                """);
        Files.writeString(userRunbooks.resolve("broken.yml"), "id: [\n");

        RunbookCatalog catalog = RunbookCatalog.load(userRunbooks);

        assertThat(catalog.find("service-degradation").orElseThrow().title()).isEqualTo("Our own degradation runbook");
        assertThat(catalog.find("platform-node-unresponsive")).isPresent();
        assertThat(catalog.problems()).singleElement()
                .satisfies(p -> assertThat(p.file()).endsWith("broken.yml"));
    }

    private static List<String> ids(List<Runbook> runbooks) {
        return runbooks.stream().map(Runbook::id).toList();
    }

    private static Incident incident(String title, String service) {
        return Incident.builder(new IncidentId(1), IncidentState.INVESTIGATING, Severity.SEV2, Instant.EPOCH)
                .title(title).service(service).channel("inc-1").declaredBy("ana").detectedAt(Instant.EPOCH)
                .build();
    }
}
