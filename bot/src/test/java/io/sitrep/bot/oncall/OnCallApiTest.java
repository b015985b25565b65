package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import io.sitrep.integrations.redis.TestRedis;

/** On-call over HTTP on a running server: the JSON answers, the token, the calendar and its key. */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=test-token",
        "sitrep.console.enabled=false"})
class OnCallApiTest {

    private static final String TOKEN = "test-token";
    private static final Path DIR = onCallFiles();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.oncall.dir", DIR::toString);
    }

    /** A weekly schedule in Berlin whose name needs escaping in a calendar, and one in New York. */
    private static Path onCallFiles() {
        try {
            Path dir = Files.createTempDirectory("oncall-api");
            Files.createDirectories(dir.resolve("schedules"));
            Files.writeString(dir.resolve("people.yml"), OnCallLoaderTest.PEOPLE);
            Files.writeString(dir.resolve("schedules/platform.yml"), """
                    id: platform
                    name: "Platform, core; on-call"
                    timezone: Europe/Berlin
                    layers:
                      - name: primary
                        rotation: weekly
                        handoff: "MON 09:00"
                        start: 2026-11-30
                        people: [ant, bea, carol]
                    """);
            Files.writeString(dir.resolve("schedules/db.yml"), """
                    id: db
                    timezone: America/New_York
                    layers:
                      - name: primary
                        rotation: daily
                        handoff: "09:00"
                        start: 2026-11-30
                        people: [carol, lead]
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void emptyStore() {
        TestRedis.flushed();
    }

    @Test
    void answersWhoIsOnCallAtAnInstantInTheDocumentedShape() throws Exception {
        HttpResponse<String> response = get("/api/oncall/platform?at=2027-03-29T12:00Z", TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("schedule").asText()).isEqualTo("platform");
        assertThat(body.path("at").asText()).isEqualTo("2027-03-29T12:00:00Z");
        JsonNode now = body.path("oncall").get(0);
        assertThat(fieldNames(now)).containsAll(List.of("person", "layer", "from", "until", "override"));
        // 29 March 2027 is 17 weeks after 30 Nov 2026: turn 17 of ant, bea, carol is carol's, from 09:00 CEST (07:00Z).
        assertThat(now.path("person").asText()).isEqualTo("carol");
        assertThat(now.path("layer").asText()).isEqualTo("primary");
        assertThat(now.path("from").asText()).isEqualTo("2027-03-29T07:00:00Z");
        assertThat(now.path("until").asText()).isEqualTo("2027-04-05T07:00:00Z");
        assertThat(now.path("override").asBoolean()).isFalse();
        assertThat(body.path("next").get(0).path("person").asText()).isEqualTo("ant");
        assertThat(body.path("calendar").asText()).startsWith("http://").contains("/oncall/platform.ics?key=");
    }

    @Test
    void listsEverySchedule() throws Exception {
        HttpResponse<String> response = get("/api/oncall", TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.isArray()).isTrue();
        assertThat(body.findValuesAsText("schedule")).containsExactlyInAnyOrder("platform", "db");
        assertThat(body.get(0).path("oncall").get(0).path("person").isTextual()).isTrue();
    }

    @Test
    void needsTheTokenAndSaysWhatIsWrong() throws Exception {
        assertThat(get("/api/oncall", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/oncall/platform", "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = get("/api/oncall/nowhere", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("error").asText()).contains("nowhere").contains("platform");
        HttpResponse<String> badTime = get("/api/oncall/platform?at=yesterday", TOKEN);
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badTime.body()).path("ok").asBoolean(true)).isFalse();
    }

    @Test
    void servesTheNextNinetyDaysAsACalendarWithStableUids() throws Exception {
        String url = calendarUrl("platform");

        HttpResponse<String> first = getUrl(url);
        HttpResponse<String> second = getUrl(url);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/calendar"));
        assertThat(first.body()).contains("BEGIN:VCALENDAR\r\n").contains("SUMMARY:ant on call: Platform\\, core\\; on-call");
        assertThat(first.body().lines().allMatch(line -> line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                <= 75)).as("lines folded at 75 octets").isTrue();
        ICalendar calendar = Biweekly.parse(first.body()).first();
        List<VEvent> events = calendar.getEvents();
        // Weekly shifts: the one running now and the ones starting within 90 days.
        assertThat(events).hasSizeBetween(13, 15);
        assertThat(events.get(0).getSummary().getValue()).endsWith("on call: Platform, core; on-call (primary)");
        Instant firstEnd = events.get(0).getDateEnd().getValue().toInstant();
        assertThat(firstEnd).isAfter(Instant.now());
        assertThat(events.get(events.size() - 1).getDateStart().getValue().toInstant())
                .isBefore(Instant.now().plus(Duration.ofDays(90)));
        assertThat(Duration.between(events.get(1).getDateStart().getValue().toInstant(),
                events.get(1).getDateEnd().getValue().toInstant())).isBetween(Duration.ofHours(167),
                Duration.ofHours(169));
        Set<String> uids = uids(calendar);
        assertThat(uids).hasSize(events.size());
        assertThat(uids(Biweekly.parse(second.body()).first())).isEqualTo(uids);
    }

    @Test
    void aWrongKeyAndAnUnknownScheduleLookTheSameAndARotatedKeyClosesTheOldUrl() throws Exception {
        String url = calendarUrl("platform");
        String key = url.substring(url.indexOf("key=") + 4);

        HttpResponse<String> wrongKey = get("/oncall/platform.ics?key=not-" + key, null);
        HttpResponse<String> noSchedule = get("/oncall/nowhere.ics?key=" + key, null);
        HttpResponse<String> noKey = get("/oncall/platform.ics", null);
        assertThat(List.of(wrongKey.statusCode(), noSchedule.statusCode(), noKey.statusCode())).containsOnly(404);
        assertThat(wrongKey.body()).isEqualTo(noSchedule.body()).isEqualTo(noKey.body());

        HttpResponse<String> rotated = send(HttpRequest.newBuilder(uri("/api/oncall/platform/calendar-key"))
                .POST(HttpRequest.BodyPublishers.noBody()), TOKEN);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String newUrl = json.readTree(rotated.body()).path("calendar").asText();
        assertThat(newUrl).isNotEqualTo(url);
        assertThat(getUrl(url).statusCode()).isEqualTo(404);
        assertThat(getUrl(newUrl).statusCode()).isEqualTo(200);
        assertThat(calendarUrl("platform")).isEqualTo(newUrl);
        assertThat(send(HttpRequest.newBuilder(uri("/api/oncall/platform/calendar-key"))
                .POST(HttpRequest.BodyPublishers.noBody()), null).statusCode()).isEqualTo(401);
    }

    private String calendarUrl(String schedule) throws Exception {
        return json.readTree(get("/api/oncall/" + schedule, TOKEN).body()).path("calendar").asText();
    }

    private static Set<String> uids(ICalendar calendar) {
        return calendar.getEvents().stream().map(e -> e.getUid().getValue()).collect(Collectors.toSet());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> getUrl(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
