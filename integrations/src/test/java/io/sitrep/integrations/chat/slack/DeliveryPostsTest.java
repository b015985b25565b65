package io.sitrep.integrations.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;

import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PostponedDelivery;
import io.sitrep.integrations.chat.slack.FakeSlackApi.Answer;
import io.sitrep.integrations.chat.slack.FakeSlackApi.LostAnswer;

/**
 * A delivery's posts against the fake Slack over HTTP: each carries its mark, and a try after one
 * that began finds in the channel's history what got in before, rather than posting it twice.
 */
class DeliveryPostsTest {

    private static final String DELIVERY = "0b6e3f0a-8c1d-4e9b-b2a7-5d4c3e2f1a09";

    private final FakeSlackApi fake = new FakeSlackApi();
    private final Slack slack = Slack.getInstance(config());
    private final SlackWebApi api = new SlackWebApi(slack.methods("xoxb-test"),
            new SlackWebApi.RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10)), wait -> { });

    private SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        return config;
    }

    @AfterEach
    void close() throws Exception {
        slack.close();
        fake.close();
    }

    /** A stored delivery's steps (kept in memory here); {@code startedBefore} null: no try began before this one. */
    private static final class Steps implements DeliverySteps {
        private final Instant startedBefore;
        private final DeliverySteps done = DeliverySteps.inMemory();
        final AtomicInteger sendings = new AtomicInteger();

        Steps(Instant startedBefore) {
            this.startedBefore = startedBefore;
        }

        @Override
        public boolean done(int step) {
            return done.done(step);
        }

        @Override
        public void markDone(int step) {
            done.markDone(step);
        }

        @Override
        public Optional<String> deliveryId() {
            return Optional.of(DELIVERY);
        }

        @Override
        public Optional<Instant> startedBefore() {
            return Optional.ofNullable(startedBefore);
        }

        @Override
        public void sending() {
            sendings.incrementAndGet();
        }
    }

    private static Instant aMinuteAgo() {
        return Instant.now().minusSeconds(60);
    }

    @Test
    void eachPostCarriesTheDeliveryAndWhichPostItIsAndTheFirstTryLooksNowhere() {
        Steps steps = new Steps(null);
        DeliveryPosts posts = new DeliveryPosts(api, steps);

        Optional<String> card = posts.card("C0INC1", "the card of INC-1", r -> r.text("card"));
        posts.post(0, "C0INC1", "a post", r -> r.text("room"));
        posts.post(1, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.messages("C0INC1")).extracting(m -> m.payload("post")).containsExactly("card", "0");
        assertThat(fake.messages("C0INC1")).allSatisfy(m -> {
            assertThat(m.metadata().path("event_type").asText()).isEqualTo("sitrep_delivery");
            assertThat(m.payload("delivery")).isEqualTo(DELIVERY);
        });
        assertThat(card).hasValue(fake.messages("C0INC1").get(0).ts());
        assertThat(fake.messages("C0STAKE")).singleElement().satisfies(m -> assertThat(m.payload("post")).isEqualTo("1"));
        assertThat(fake.calls("conversations.history")).isEmpty();
        assertThat(steps.sendings).as("told before each post").hasValue(3);
        assertThat(steps.done(0) && steps.done(1)).isTrue();
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundByTheNextTryAndNotPostedAgain() {
        fake.loseAnswerToNextPost("C0STAKE", LostAnswer.SERVER_ERROR);
        Steps first = new Steps(null);
        assertThatThrownBy(() -> new DeliveryPosts(api, first).post(0, "C0STAKE", "the stakeholder post",
                r -> r.text("stakeholders"))).isInstanceOfSatisfying(PostponedDelivery.class,
                e -> assertThat(e.getMessage()).contains("HTTP 503 (outcome unknown)"));
        assertThat(fake.calls("chat.postMessage")).as("not sent again within the call").hasSize(1);

        Steps retry = new Steps(aMinuteAgo());
        new DeliveryPosts(api, retry).post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.messages("C0STAKE")).hasSize(1);
        assertThat(retry.done(0)).isTrue();
        assertThat(retry.sendings).hasValue(0);
    }

    @Test
    void aPostThatNeverGotInIsPostedByTheNextTry() {
        fake.postedByOthers("C0STAKE", 3);
        Steps retry = new Steps(aMinuteAgo());

        new DeliveryPosts(api, retry).post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.calls("conversations.history")).singleElement().satisfies(call -> {
            assertThat(call.field("include_all_metadata")).isEqualTo("1"); // how the SDK sends true
            assertThat(Double.parseDouble(call.field("oldest"))).as("a little before the first try began")
                    .isLessThan(aMinuteAgo().getEpochSecond());
        });
        assertThat(fake.messages("C0STAKE")).hasSize(4).last()
                .satisfies(m -> assertThat(m.text()).isEqualTo("stakeholders"));
        assertThat(retry.sendings).hasValue(1);
    }

    @Test
    void eachChannelIsReadOncePerTryAndOnlyThisDeliverysPostsCount() {
        Steps first = new Steps(null);
        DeliveryPosts before = new DeliveryPosts(api, first);
        before.card("C0INC1", "the card of INC-1", r -> r.text("card"));
        before.post(0, "C0INC1", "a post", r -> r.text("room"));
        fake.postedByOthers("C0INC1", 2);
        // That try died after posting step 0, before marking it; step 1 was never sent.

        Steps retry = new Steps(aMinuteAgo());
        DeliveryPosts again = new DeliveryPosts(api, retry);
        Optional<String> card = again.card("C0INC1", "the card of INC-1", r -> r.text("card"));
        again.post(0, "C0INC1", "a post", r -> r.text("room"));
        again.post(1, "C0INC1", "a post", r -> r.text("room, second"));

        assertThat(card).hasValue(fake.messages("C0INC1").get(0).ts());
        assertThat(fake.calls("conversations.history")).as("the room read once").hasSize(1);
        assertThat(fake.messages("C0INC1")).extracting(FakeSlackApi.Posted::text)
                .containsExactly("card", "room", "message 1 from someone", "message 2 from someone", "room, second");
    }

    @Test
    void historyIsPagedToFindAnOlderPost() {
        Steps first = new Steps(null);
        new DeliveryPosts(api, first).post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));
        fake.postedByOthers("C0STAKE", 2 * EarlierPosts.PAGE_SIZE + 5);

        new DeliveryPosts(api, new Steps(aMinuteAgo())).post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.calls("conversations.history")).hasSize(3);
        assertThat(fake.calls("conversations.history").get(2).field("cursor")).isNotBlank();
        assertThat(fake.messages("C0STAKE")).filteredOn(m -> "stakeholders".equals(m.text())).hasSize(1);
    }

    @Test
    void aChannelBusierThanTheBoundIsReadNoFurtherAndThePostGoesOut() {
        fake.postedByOthers("C0STAKE", EarlierPosts.PAGE_SIZE * EarlierPosts.MAX_PAGES + 1);

        new DeliveryPosts(api, new Steps(aMinuteAgo())).post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.calls("conversations.history")).hasSize(EarlierPosts.MAX_PAGES);
        assertThat(fake.messages("C0STAKE")).last().satisfies(m -> assertThat(m.text()).isEqualTo("stakeholders"));
    }

    @Test
    void aLookupThatFailsForNowPostponesRatherThanPostingBlind() {
        fake.outage("conversations.history");
        Steps retry = new Steps(aMinuteAgo());

        assertThatThrownBy(() -> new DeliveryPosts(api, retry).post(0, "C0STAKE", "the stakeholder post",
                r -> r.text("stakeholders"))).isInstanceOfSatisfying(PostponedDelivery.class,
                e -> assertThat(e.getMessage()).contains("could not look for the posts of an earlier try"));

        assertThat(fake.calls("chat.postMessage")).isEmpty();
        assertThat(retry.done(0)).isFalse();
    }

    @Test
    void aLookupRefusedForGoodLetsThePostGoOutAsBefore() {
        fake.script("conversations.history", Answer.error("missing_scope"));

        DeliveryPosts posts = new DeliveryPosts(api, new Steps(aMinuteAgo()));
        posts.post(0, "C0STAKE", "the stakeholder post", r -> r.text("stakeholders"));

        assertThat(fake.messages("C0STAKE")).hasSize(1);
        assertThat(posts.failures()).isEmpty();
    }

    @Test
    void aPostRefusedForGoodIsAFailureAndMarkedWhileARefusedCardIsNeither() {
        fake.failNextPost("C0GONE", Answer.error("channel_not_found"));
        Steps steps = new Steps(null);
        DeliveryPosts posts = new DeliveryPosts(api, steps);
        posts.post(0, "C0GONE", "the stakeholder post", r -> r.text("stakeholders"));
        fake.failNextPost("C0INC1", Answer.error("is_archived"));

        assertThat(posts.card("C0INC1", "the card of INC-1", r -> r.text("card"))).isEmpty();
        assertThat(posts.failures()).containsExactly("Slack refused the stakeholder post to C0GONE: channel_not_found");
        assertThat(steps.done(0)).as("asking again would not help").isTrue();
    }
}
