package io.sitrep.bot.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sitrep.bot.postmortem.HeadlessChromium;
import io.sitrep.bot.postmortem.IncidentReplay;
import io.sitrep.config.StatusSettings;

/**
 * The status page and the founding incident's page as a browser shows them, on a phone and on
 * a desktop: headless Chromium renders them (screenshots under {@code target/status-page/}), and
 * the text read back from its DOM is what stakeholders are meant to read.
 */
@Timeout(900)
class StatusInChromiumTest {

    private static final Path OUT = Path.of("target", "status-page");

    @Test
    void rendersThePageAndTheIncidentPageOnAPhoneAndADesktop() throws IOException {
        Path chromium = HeadlessChromium.orSkip();
        IncidentReplay replay = IncidentReplay.connectMe();
        replay.at("2026-03-06T09:00:00Z", "oncall-ana", "declare \"Calls drop in the US\" --sev 1 --service ConnectMe "
                + "--region us-east").at("2026-03-06T09:05:00Z", "oncall-ana", "update INC-2 \"We are investigating "
                + "dropped calls for US users.\"");
        replay.clock.set(java.time.Instant.parse("2026-03-06T12:00:00Z"));
        PublicStatus status = new StatusReader(replay.store, new StatusSettings("ConnectMe status", List.of(
                new StatusSettings.Component("ConnectMe (EU)", "ConnectMe (EU)", null),
                new StatusSettings.Component("ConnectMe (US)", "ConnectMe", "us-east"))), replay.clock).read();
        Files.createDirectories(OUT);
        Path page = write("status.html", StatusHtml.page(status));
        Path incident = write("status-inc-1.html", StatusHtml.incidentPage(status, status.history().get(0)));

        String dom = dom(chromium, page);
        assertThat(dom).contains("<h1>ConnectMe status</h1>").contains("Major outage")
                .contains("We are investigating dropped calls for US users.")
                .contains("Posted Mar 06, 2026 - 09:05 UTC").contains("ConnectMe (EU) login and calls failing");
        assertThat(dom(chromium, incident)).contains("<h1>Incident Report for ConnectMe status</h1>")
                .contains("This incident affected: ConnectMe (EU)").contains("<h2>Postmortem</h2>");
        for (String size : List.of("390,844", "1280,900")) {
            for (Path html : List.of(page, incident)) {
                Path shot = OUT.resolve(html.getFileName().toString().replace(".html", "-" + size.replace(',', 'x')
                        + ".png")).toAbsolutePath();
                Files.deleteIfExists(shot);
                HeadlessChromium.Run run = HeadlessChromium.screenshot(chromium, html, shot, size);
                assertThat(run.exitCode()).as(run.stderr()).isZero();
                assertThat(Files.size(shot)).as("a real picture of " + shot.getFileName()).isGreaterThan(10_000);
            }
        }
    }

    private static Path write(String name, String html) throws IOException {
        Path file = OUT.resolve(name).toAbsolutePath();
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return file;
    }

    private static String dom(Path chromium, Path page) throws IOException {
        HeadlessChromium.Run run = HeadlessChromium.dumpDom(chromium, page);
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("CONSOLE", "Uncaught", "Refused to");
        return run.stdout();
    }
}
