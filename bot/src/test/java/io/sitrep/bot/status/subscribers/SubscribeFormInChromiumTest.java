package io.sitrep.bot.status.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.sitrep.bot.TestSmtp;
import io.sitrep.bot.postmortem.HeadlessChromium;

/**
 * The subscribe form on {@code /status} and the page a confirmation mail's link opens, as
 * headless Chromium shows them, served by a running Sitrep with an SMTP server set (the form is
 * offered only then): phone and desktop screenshots under {@code target/status-page/}, and the
 * fields read back from Chromium's DOM — the address, one checkbox per component, the button.
 */
@Timeout(900)
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=subscribe-form-token",
        "sitrep.console.enabled=false",
        "sitrep.mail.from=Sitrep <status@example.com>",
        "sitrep.public-url=https://status.example.com/",
        "sitrep.status.title=Example status",
        "sitrep.status.components[0].name=ConnectMe",
        "sitrep.status.components[0].service=connectme",
        "sitrep.status.components[1].name=Payments",
        "sitrep.status.components[1].service=payments",
        "spring.mail.host=127.0.0.1"})
class SubscribeFormInChromiumTest {

    private static final int DATABASE = 20;
    private static final int SMTP_PORT = TestSmtp.freePort();
    private static final Path OUT = Path.of("target", "status-page");
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)(?:=\"([^\"]*)\")?");
    private static final Pattern CONFIRM_LINK = Pattern.compile(
            "https://status\\.example\\.com(/status/subscriptions/confirm\\?token=[A-Za-z0-9_.-]+)");
    private static final GreenMail smtp = TestSmtp.start(SMTP_PORT);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        SubscriberAppProperties.register(registry, DATABASE, SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void theFormAndTheConfirmationPageOnAPhoneAndADesktop() throws Exception {
        Path chromium = HeadlessChromium.orSkip();
        Files.createDirectories(OUT);

        String status = form(dom(chromium, "/status"), "/status/subscribe");
        List<Map<String, String>> inputs = inputs(status);
        assertThat(inputs).filteredOn(i -> "email".equals(i.get("type"))).singleElement().satisfies(email -> {
            assertThat(email).containsEntry("name", "email").containsKey("required");
            assertThat(status).contains("<label for=\"" + email.get("id") + "\">Mail address</label>");
        });
        assertThat(inputs).filteredOn(i -> "checkbox".equals(i.get("type")))
                .allSatisfy(box -> assertThat(box).containsEntry("name", "component").doesNotContainKey("checked"))
                .extracting(box -> box.get("value")).containsExactly("ConnectMe", "Payments");
        assertThat(status).contains("<button type=\"submit\">Subscribe</button>");
        shots(chromium, "/status", "status-subscribe");

        // What pressing Subscribe sends; the mail's link opens the page with the button that confirms.
        HttpResponse<String> answer = post("/status/subscribe", "email=ann%40example.com&component=ConnectMe");
        assertThat(answer.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= 1);
        Matcher link = CONFIRM_LINK.matcher(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])
                .replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).as("a confirmation link").isTrue();
        String confirmPath = link.group(1);
        String token = confirmPath.substring(confirmPath.indexOf("token=") + "token=".length());

        String confirm = form(dom(chromium, confirmPath), "/status/subscriptions/confirm");
        assertThat(inputs(confirm)).singleElement()
                .isEqualTo(Map.of("type", "hidden", "name", "token", "value", token));
        assertThat(confirm).contains("<button type=\"submit\">Confirm subscription</button>");
        shots(chromium, confirmPath, "subscription-confirm");

        assertThat(post("/status/subscriptions/confirm", "token=" + token).body()).contains("<h1>Subscribed</h1>");
    }

    /** The page as Chromium built it from what Sitrep served, with nothing refused or complained of. */
    private String dom(Path chromium, String path) throws Exception {
        HeadlessChromium.Run run = HeadlessChromium.dumpDom(chromium, URI.create(base() + path));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).doesNotContain("CONSOLE", "Uncaught", "Refused to");
        return run.stdout();
    }

    private void shots(Path chromium, String path, String name) throws Exception {
        for (String size : List.of("390,844", "1280,900")) {
            Path shot = OUT.resolve(name + "-" + size.replace(',', 'x') + ".png").toAbsolutePath();
            Files.deleteIfExists(shot);
            HeadlessChromium.Run run = HeadlessChromium.screenshot(chromium, URI.create(base() + path), shot, size);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(Files.size(shot)).as("a real picture of " + shot.getFileName()).isGreaterThan(10_000);
            assertThat(drawnInTheRightMargin(shot)).as("what crosses the page's right margin in " + shot.getFileName()
                    + " (wider than the window: cut off on a phone)").isEmpty();
        }
    }

    /** The first pixel, if any, drawn in the picture's rightmost 12 columns, inside the page's 1rem padding. */
    private static java.util.Optional<String> drawnInTheRightMargin(Path png) throws java.io.IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        int background = image.getRGB(image.getWidth() - 1, 0);
        for (int x = image.getWidth() - 12; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) != background) {
                    return java.util.Optional.of("x=" + x + ", y=" + y);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** The one form posting to {@code action}, from its start tag to its end. */
    private static String form(String dom, String action) {
        String start = "<form method=\"post\" action=\"" + action + "\">";
        assertThat(dom).containsOnlyOnce(start);
        int from = dom.indexOf(start);
        return dom.substring(from, dom.indexOf("</form>", from) + "</form>".length());
    }

    /** Each input's attributes, in the DOM's order; one without a value (required) maps to "". */
    private static List<Map<String, String>> inputs(String html) {
        List<Map<String, String>> inputs = new ArrayList<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group().substring("<input".length()));
            while (attribute.find()) {
                attributes.put(attribute.group(1), attribute.group(2) == null ? "" : attribute.group(2));
            }
            inputs.add(attributes);
        }
        return inputs;
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
