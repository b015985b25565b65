package io.sitrep.bot.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ConnectMe postmortem page as a browser shows it: headless Chromium renders it, with its chart, without errors. */
@Timeout(900)
class HtmlInChromiumTest {

    private static final Path OUT = Path.of("target", "postmortem-html");

    @Test
    void rendersWithTheChartAndNoConsoleErrors() throws IOException {
        Path chromium = HeadlessChromium.orSkip();
        Files.createDirectories(OUT);
        Path page = OUT.resolve("connectme-postmortem.html").toAbsolutePath();
        Files.writeString(page, HtmlExport.render(IncidentReplay.connectMe().report(1)), StandardCharsets.UTF_8);
        Path screenshot = OUT.resolve("connectme-postmortem.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);

        HeadlessChromium.Run dom = HeadlessChromium.dumpDom(chromium, page);
        HeadlessChromium.Run shot = HeadlessChromium.screenshot(chromium, page, screenshot, "1100,1800");

        assertThat(dom.exitCode()).as(dom.stderr()).isZero();
        assertThat(dom.stdout()).contains("<h1>INC-1: ConnectMe (EU) login and calls failing</h1>")
                .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"190\"")
                .contains("class=\"phase\"").contains("class=\"update\"");
        assertThat(dom.stderr()).doesNotContain("CONSOLE", "Uncaught", "Refused to");
        assertThat(shot.exitCode()).as(shot.stderr()).isZero();
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).as("a real picture, not an empty one").isGreaterThan(20_000);
    }
}
