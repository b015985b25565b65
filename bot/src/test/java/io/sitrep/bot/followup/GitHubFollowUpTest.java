package io.sitrep.bot.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Origin;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Follow-ups as issues of a fake GitHub over real HTTP: each made once — through a rate limit, an
 * answer lost after the issue was made, and a restart (a new lane) in between — linked on the
 * incident, and closed or reopened there by a signed webhook.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = {
        "sitrep.api.token=test-token",
        "sitrep.console.enabled=false",
        "sitrep.followups.github.repo=acme/ops",
        "sitrep.followups.github.token=" + FakeGitHub.TOKEN,
        "sitrep.followups.github.webhook-secret=" + GitHubFollowUpTest.SECRET})
class GitHubFollowUpTest {

    static final String SECRET = "It's a Secret to Everybody";
    private static final FakeGitHub GITHUB = new FakeGitHub("acme/ops");
    private static final IncidentId INC1 = OldIncident.INC1;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url());
        registry.add("sitrep.followups.github.api-url", () -> GITHUB.url().toString());
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    IncidentStore store;
    @Autowired
    IncidentWriter writer;
    @Autowired
    FollowUpSettings settings;
    @Autowired
    TrackerBackfill backfill;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** INC-1 as stored before follow-ups: A1 and A2, no issue queued for either. */
    @BeforeEach
    void oldIncident() throws Exception {
        GITHUB.issues.clear();
        OldIncident.load();
    }

    @Test
    void aRateLimitALostAnswerAndARestartStillMakeOneIssue() {
        Delivery delivery = new Delivery(INC1, io.sitrep.incident.Watcher.PAGER,
                List.of(new DeliveryMessage(new Audience.Pager("github", "INC-1/A1"), "Track INC-1/A1")), false, null);
        DeliverySteps steps = DeliverySteps.inMemory();

        GITHUB.rateLimitReset = Instant.now().plusSeconds(120);
        GITHUB.rateLimitNext.set(true);
        DeliveryResult limited = lane().deliver(delivery, steps);
        assertThat(limited).isInstanceOfSatisfying(DeliveryResult.Postponed.class, p ->
                assertThat(p.after()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(121)));
        assertThat(GITHUB.issues).isEmpty();

        GITHUB.dropNextAnswer.set(true);
        assertThat(lane().deliver(delivery, steps)).as("made, but the answer was lost")
                .isInstanceOf(DeliveryResult.Postponed.class);
        assertThat(GITHUB.issues).hasSize(1);
        assertThat(action(1).tracker()).isNull();

        assertThat(lane().deliver(delivery, steps)).as("a new lane, as after a restart")
                .isEqualTo(new DeliveryResult.Delivered(List.of()));
        assertThat(GITHUB.issues).as("found by its marker, not made again").hasSize(1);
        assertThat(GITHUB.issues.get(0).body()).contains("<!-- sitrep:INC-1/A1 -->");
        assertThat(action(1).tracker()).isEqualTo(new FollowUp.Tracker("github", "acme/ops#1",
                "https://github.com/acme/ops/issues/1"));
        assertThat(store.timeline(INC1)).extracting(e -> e.text())
                .contains("INC-1/A1 linked to acme/ops#1 https://github.com/acme/ops/issues/1");

        assertThat(lane().deliver(delivery, DeliverySteps.inMemory())).isEqualTo(new DeliveryResult.Delivered(List.of()));
        assertThat(GITHUB.issues).as("linked already: nothing to make").hasSize(1);
    }

    @Test
    void aRefusedTokenPostponesAndMakesNothing() {
        FollowUpSettings wrong = new FollowUpSettings(new FollowUpSettings.GitHub("acme/ops", "stale",
                GITHUB.url(), SECRET), null);
        Delivery delivery = new Delivery(INC1, io.sitrep.incident.Watcher.PAGER,
                List.of(new DeliveryMessage(new Audience.Pager("github", "INC-1/A2"), "Track INC-1/A2")), false, null);

        DeliveryResult result = TrackerLane.github(wrong, store, writer, Clock.systemUTC())
                .deliver(delivery, DeliverySteps.inMemory());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Postponed.class, p ->
                assertThat(p.after()).isEqualTo(TrackerCall.AFTER_REFUSED_TOKEN));
        assertThat(GITHUB.issues).isEmpty();
    }

    @Test
    void aNewFollowUpGetsOneIssueAndTheSignedWebhookClosesAndReopensIt() throws Exception {
        OldIncident.command(port, "alice", "postmortem INC-1 action \"Alert on lock waits\" --owner @bob --due 2027-01-15");
        await().atMost(Duration.ofSeconds(20)).until(() -> action(3).tracker() != null);
        assertThat(GITHUB.issues).hasSize(1);
        assertThat(GITHUB.issues.get(0).title()).isEqualTo("Alert on lock waits");
        assertThat(GITHUB.issues.get(0).body()).contains("Owner: bob", "Due: 2027-01-15", "<!-- sitrep:INC-1/A3 -->");
        String key = action(3).tracker().key();

        String closed = event("closed", GITHUB.issues.get(0));
        assertThat(hook(closed, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(hook(closed, null).statusCode()).isEqualTo(401);
        assertThat(action(3).status()).as("a bad signature changes nothing").isEqualTo(FollowUp.Status.OPEN);

        assertThat(hook(closed, sign(closed)).statusCode()).isEqualTo(200);
        assertThat(action(3).status()).isEqualTo(FollowUp.Status.DONE);
        assertThat(hook(closed, sign(closed)).statusCode()).as("a repeat").isEqualTo(200);
        String reopened = event("reopened", GITHUB.issues.get(0));
        assertThat(hook(reopened, sign(reopened)).statusCode()).isEqualTo(200);
        assertThat(action(3).status()).isEqualTo(FollowUp.Status.OPEN);
        assertThat(store.timeline(INC1)).extracting(e -> e.text()).filteredOn(t -> t.startsWith("INC-1/A3 "))
                .containsExactly("INC-1/A3 linked to " + key + " https://github.com/acme/ops/issues/1",
                        "INC-1/A3 done by github: closed in " + key + " by octocat",
                        "INC-1/A3 reopened by github: reopened in " + key + " by octocat");
        assertThat(GITHUB.issues).as("still one issue").hasSize(1);
    }

    @Test
    void followUpsMadeBeforeTheRepositoryWasSetUpAreQueuedOnce() {
        assertThat(backfill.runOnce()).as("A1 and A2 of the stored INC-1").isEqualTo(2);
        assertThat(backfill.runOnce()).as("once").isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> action(1).tracker() != null && action(2).tracker() != null);
        assertThat(GITHUB.issues).hasSize(2);
    }

    private TrackerLane lane() {
        return TrackerLane.github(settings, store, writer, Clock.systemUTC());
    }

    private FollowUp action(int number) {
        return OldIncident.action(store, number);
    }

    private String event(String action, FakeGitHub.Issue issue) throws Exception {
        return json.writeValueAsString(Map.of("action", action,
                "issue", Map.of("number", issue.number(), "title", issue.title(), "body", issue.body()),
                "repository", Map.of("full_name", "acme/ops"), "sender", Map.of("login", "octocat")));
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> hook(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
