package io.sitrep.integrations.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;

/** Slack's failure modes, played by a local fake Web API. */
class SlackWebApiTest {

    private final FakeSlackApi fake = new FakeSlackApi();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private Slack slack;

    @BeforeEach
    void connect() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
    }

    @AfterEach
    void close() throws Exception {
        slack.close();
        fake.close();
    }

    /** Waits for real, as production does. */
    private SlackWebApi sleeping(int attempts) {
        return new SlackWebApi(OneGsonMethodsClient.over(slack, "xoxb-test"),
                new SlackWebApi.RetryPolicy(attempts, Duration.ofMillis(50), Duration.ofSeconds(1)),
                wait -> Thread.sleep(wait.toMillis()));
    }

    /** Records the waits instead of sleeping them. */
    private SlackWebApi counting(int attempts) {
        return new SlackWebApi(OneGsonMethodsClient.over(slack, "xoxb-test"),
                new SlackWebApi.RetryPolicy(attempts, Duration.ofSeconds(1), Duration.ofSeconds(60)), waits::add);
    }

    private void post(SlackWebApi api, String channel) throws SlackCallFailedException {
        api.call("chat.postMessage", channel, c -> c.chatPostMessage(r -> r.channel(channel).text("hello")));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysThenDelivers() throws Exception {
        fake.script("chat.postMessage", Answer.rateLimited(1));

        post(sleeping(5), "C0STAKE");

        List<FakeSlackApi.Call> attempts = fake.calls("chat.postMessage");
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(attempts.get(1).field("text")).isEqualTo("hello");
    }

    @Test
    void honoursALongRetryAfterRatherThanItsOwnBackoff() throws Exception {
        fake.script("chat.postMessage", Answer.rateLimited(30));

        post(counting(5), "C0STAKE");

        assertThat(waits).containsExactly(Duration.ofSeconds(30));
        assertThat(fake.calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void joinsAChannelItWasNotInAndPostsAgain() throws Exception {
        fake.script("chat.postMessage", Answer.error("not_in_channel"));

        post(counting(3), "C0PUBLIC");

        assertThat(fake.calls("conversations.join")).singleElement()
                .satisfies(join -> assertThat(join.field("channel")).isEqualTo("C0PUBLIC"));
        assertThat(fake.calls("chat.postMessage")).hasSize(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void givesUpAtOnceOnAChannelThatDoesNotExist() {
        fake.script("chat.postMessage", Answer.error("channel_not_found"));

        assertThatThrownBy(() -> post(counting(5), "C0GONE"))
                .isInstanceOfSatisfying(SlackCallFailedException.class,
                        e -> assertThat(e.error()).isEqualTo("channel_not_found"));
        assertThat(fake.calls("chat.postMessage")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesThroughAnOutageWithGrowingBackoff() throws Exception {
        fake.script("chat.postMessage", Answer.serverError(), Answer.serverError(), Answer.error("service_unavailable"));

        post(counting(5), "C0STAKE");

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(fake.calls("chat.postMessage")).hasSize(4);
    }

    @Test
    void aPostThatMayHaveGoneThroughIsNotSentAgainWithinTheCall() {
        fake.script("chat.postMessage", Answer.serverError());

        assertThatThrownBy(() -> postOnce(counting(5), "C0STAKE"))
                .isInstanceOfSatisfying(SlackCallFailedException.class, e -> {
                    assertThat(e.passing()).isTrue();
                    assertThat(e.error()).isEqualTo("HTTP 503 (outcome unknown)");
                });
        assertThat(fake.calls("chat.postMessage")).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aPostSlackSaysItDidNotCarryOutIsTriedAgain() throws Exception {
        fake.script("chat.postMessage", Answer.rateLimited(2), Answer.error("ratelimited"), Answer.error("not_in_channel"));

        postOnce(counting(5), "C0PUBLIC");

        assertThat(fake.calls("chat.postMessage")).hasSize(4);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void aPostThatFoundNobodyListeningIsTriedAgain() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix("http://127.0.0.1:" + closed + "/api/");
        try (Slack gone = Slack.getInstance(config)) {
            SlackWebApi api = new SlackWebApi(OneGsonMethodsClient.over(gone, "xoxb-test"),
                    new SlackWebApi.RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(60)), waits::add);

            assertThatThrownBy(() -> postOnce(api, "C0STAKE")).isInstanceOfSatisfying(SlackCallFailedException.class,
                    e -> assertThat(e.error()).startsWith("gave up after 3 attempts: ConnectException"));
        }
        assertThat(waits).hasSize(2);
    }

    private void postOnce(SlackWebApi api, String channel) throws SlackCallFailedException {
        api.callOnce("chat.postMessage", channel, c -> c.chatPostMessage(r -> r.channel(channel).text("hello")));
    }

    @Test
    void givesUpAfterTheLastAttemptAndSaysWhy() {
        fake.script("chat.postMessage", Answer.serverError(), Answer.serverError(), Answer.serverError());

        assertThatThrownBy(() -> post(counting(3), "C0STAKE"))
                .isInstanceOfSatisfying(SlackCallFailedException.class,
                        e -> assertThat(e.error()).contains("gave up after 3 attempts").contains("HTTP 503"));
        assertThat(waits).hasSize(2);
    }

    @Test
    void blocksAndMetadataReachSlackAsTheSdkWritesThem() throws Exception {
        List<com.slack.api.model.block.LayoutBlock> blocks = List.of(
                com.slack.api.model.block.Blocks.section(b -> b.text(com.slack.api.model.block.composition
                        .BlockCompositions.markdownText("*INC-1* Checkout down"))));
        com.slack.api.model.Message.Metadata metadata = com.slack.api.model.Message.Metadata.builder()
                .eventType("sitrep_delivery").eventPayload(java.util.Map.of("key", "INC-1:7")).build();
        com.slack.api.methods.response.chat.ChatPostMessageResponse posted = sleeping(1).call("chat.postMessage",
                "C0STAKE", c -> c.chatPostMessage(r -> r.channel("C0STAKE").text("hello").blocks(blocks)
                        .metadata(metadata)));
        sleeping(1).call("chat.update", "C0STAKE",
                c -> c.chatUpdate(r -> r.channel("C0STAKE").ts(posted.getTs()).text("again").blocks(blocks)));

        com.google.gson.Gson sdk = com.slack.api.util.json.GsonFactory.createSnakeCase();
        FakeSlackApi.Call post = fake.calls("chat.postMessage").get(0);
        assertThat(post.field("blocks")).isEqualTo(sdk.toJson(blocks));
        assertThat(post.field("metadata")).isEqualTo(sdk.toJson(metadata));
        assertThat(fake.calls("chat.update").get(0).field("blocks")).isEqualTo(sdk.toJson(blocks));
        assertThat(fake.calls("chat.update").get(0).field("metadata")).isNull();
        assertThat(posted.getTs()).isNotBlank();
        assertThat(posted.getHttpResponseHeaders()).containsKey("content-type");
    }
}
