package io.sitrep.bot.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.incident.IncidentState;

/**
 * The three exports of the ConnectMe replay against golden files, and what no export may do
 * with hostile text. {@code -Dgolden.update=true} rewrites the golden files after a deliberate change.
 */
@Timeout(60)
class PostmortemExportTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @Test
    void theConnectMeReplayExportsAsTheGoldenFilesSay() throws IOException {
        PostmortemReport report = IncidentReplay.connectMe().report(1);

        assertGolden("connectme-postmortem.md", MarkdownExport.render(report));
        assertGolden("connectme-postmortem.json", JsonExport.render(report));
        assertGolden("connectme-postmortem.html", HtmlExport.render(report));
    }

    @Test
    void theSameIncidentExportsTheSameBytes() {
        PostmortemReport first = IncidentReplay.connectMe().report(1);
        PostmortemReport second = IncidentReplay.connectMe().report(1);

        assertThat(MarkdownExport.render(second)).isEqualTo(MarkdownExport.render(first));
        assertThat(JsonExport.render(second)).isEqualTo(JsonExport.render(first));
        assertThat(HtmlExport.render(second)).isEqualTo(HtmlExport.render(first));
    }

    @Test
    void keyTimesFollowTheReplayIncludingTheBackfilledRestart() {
        PostmortemReport report = IncidentReplay.connectMe().report(1);
        PostmortemReport.KeyTimes times = report.keyTimes();

        assertThat(times.detected()).isEqualTo(Instant.parse("2026-02-26T08:19:00Z"));
        assertThat(times.firstUpdate()).isEqualTo(Instant.parse("2026-02-26T10:21:00Z"));
        assertThat(times.mitigated()).isEqualTo(Instant.parse("2026-02-26T10:23:00Z"));
        assertThat(times.resolved()).isEqualTo(Instant.parse("2026-03-03T16:41:00Z"));
        assertThat(times.timeToFirstUpdate()).isEqualTo(Duration.ofMinutes(122));
        assertThat(times.timeToDetect()).as("no impact start given").isNull();
        // The note typed at 09:40 about 09:22 sits at 09:22, between the 08:52 and 10:21 entries.
        assertThat(report.timeline()).extracting(e -> e.at().toString()).containsSubsequence(
                "2026-02-26T08:52:00Z", "2026-02-26T09:22:00Z", "2026-02-26T10:21:00Z");
        assertThat(report.draft()).isFalse();
        assertThat(report.posts()).extracting(p -> p.data().get("status"))
                .containsExactly("Postmortem", "Resolved", "Monitoring", "Investigating");
    }

    @Test
    void aReopenCycleIsShownAndTheLastResolutionCounts() {
        IncidentReplay replay = new IncidentReplay()
                .at("2026-02-26T08:20:00Z", "ana", "declare \"Search down\" --started-at 08:05 --detected-at 08:12")
                .at("2026-02-26T08:40:00Z", "ana", "identified INC-1 \"index corrupted\"")
                .at("2026-02-26T09:00:00Z", "ana", "monitoring INC-1 \"rebuilt the index\"")
                .at("2026-02-26T09:30:00Z", "ana", "resolved INC-1 \"index rebuilt\"")
                .at("2026-02-26T10:00:00Z", "ana", "reopen INC-1 \"errors are back\"")
                .at("2026-02-26T10:45:00Z", "ana", "resolved INC-1 \"replaced the disk\"");

        PostmortemReport report = replay.report(1);
        PostmortemReport.KeyTimes times = report.keyTimes();

        assertThat(times.timeToDetect()).isEqualTo(Duration.ofMinutes(7));
        assertThat(times.identified()).isEqualTo(Instant.parse("2026-02-26T08:40:00Z"));
        assertThat(times.timeToMitigate()).as("from the impact start").isEqualTo(Duration.ofMinutes(55));
        assertThat(times.resolved()).isEqualTo(Instant.parse("2026-02-26T10:45:00Z"));
        assertThat(times.timeToResolve()).isEqualTo(Duration.ofMinutes(160));
        assertThat(times.reopened()).containsExactly(Instant.parse("2026-02-26T10:00:00Z"));
        assertThat(report.phases()).extracting(PostmortemReport.Phase::state).containsExactly(
                IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING, IncidentState.RESOLVED,
                IncidentState.INVESTIGATING, IncidentState.RESOLVED);
        assertThat(MarkdownExport.render(report)).contains("| Reopened | 2026-02-26 10:00 UTC |")
                .contains("**DRAFT**");
    }

    @Test
    void aReopenedIncidentThatIsOpenAgainHasNoResolutionTime() {
        PostmortemReport report = new IncidentReplay()
                .at("2026-02-26T08:20:00Z", "ana", "declare \"Search down\"")
                .at("2026-02-26T09:30:00Z", "ana", "resolved INC-1 \"index rebuilt\"")
                .at("2026-02-26T10:00:00Z", "ana", "reopen INC-1 \"errors are back\"")
                .report(1);

        assertThat(report.keyTimes().resolved()).isNull();
        assertThat(report.keyTimes().timeToResolve()).isNull();
        assertThat(MarkdownExport.render(report)).contains("| Resolved | — |");
    }

    @Test
    void everyKindOfLineBreakStaysInsideItsCellAndTheTitleOnItsLine() {
        PostmortemReport report = new IncidentReplay()
                .at("2026-02-26T08:20:00Z", "ana", "declare \"Search down\nfor EU\"")
                .at("2026-02-26T08:30:00Z", "ana", "note INC-1 \"first\r\rsecond\u2028third\"")
                .report(1);

        String md = MarkdownExport.render(report);

        assertThat(md).startsWith("# INC-1: Search down for EU\n").doesNotContain("\r").doesNotContain("\u2028");
        assertThat(md).contains("| first<br><br>second<br>third |");
    }

    @Test
    void hostileTextStaysTextInEveryFormat() throws IOException {
        String title = "<img src=x onerror=alert(1)> | `rm -rf` [click](https://evil.example)";
        IncidentReplay replay = new IncidentReplay()
                .at("2026-02-26T08:20:00Z", "ana", "declare \"" + title.replace("\"", "\\\"") + "\"")
                .at("2026-02-26T08:30:00Z", "<script>alert('x')</script>",
                        "note INC-1 \"first line | second cell?\nnew row? </td><script>alert(2)</script> & more\"")
                .at("2026-02-26T08:40:00Z", "ana", "postmortem INC-1 action \"**bold** _x_ <b>tag</b> \\\"quoted\\\"\"");
        PostmortemReport report = replay.report(1);

        String html = HtmlExport.render(report);
        assertThat(html).doesNotContain("<img", "<script", "</td><script", "<b>tag")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        String md = MarkdownExport.render(report);
        assertThat(md).doesNotContain("<img", "<script", "[click](", "<b>");
        String noteRow = md.lines().filter(l -> l.contains("first line")).findFirst().orElseThrow();
        assertThat(noteRow.replace("\\|", "").chars().filter(c -> c == '|').count())
                .as("the row keeps its six cell borders").isEqualTo(6);
        assertThat(noteRow).contains("first line \\| second cell?<br>new row?");
        assertThat(md).contains("\\[click\\](https://evil.example)").contains("\\`rm -rf\\`");

        JsonNode json = new ObjectMapper().readTree(JsonExport.render(report));
        assertThat(json.path("title").asText()).isEqualTo(title);
        assertThat(json.path("mitigativeActions").get(0).asText()).isEqualTo("**bold** _x_ <b>tag</b> \"quoted\"");
        assertThat(json.path("timeline").get(1).path("actor").asText()).isEqualTo("<script>alert('x')</script>");
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", name).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
