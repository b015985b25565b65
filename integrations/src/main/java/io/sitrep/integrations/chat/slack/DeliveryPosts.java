package io.sitrep.integrations.chat.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.request.chat.ChatPostMessageRequest.ChatPostMessageRequestBuilder;
import com.slack.api.model.Message;

import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * One try's posts of one delivery. Each carries its {@link PostMark}; the first records that the
 * delivery has begun sending; and once an earlier try began, each is first looked for in its
 * channel, so a post whose answer was lost, or whose replica died before marking it, is not
 * posted again. A post whose outcome is unknown postpones the rest of the delivery.
 */
final class DeliveryPosts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPosts.class);

    private final SlackWebApi api;
    private final DeliverySteps steps;
    private final EarlierPosts earlier;
    private final List<String> failures = new ArrayList<>();

    DeliveryPosts(SlackWebApi api, DeliverySteps steps) {
        this.api = api;
        this.steps = steps;
        this.earlier = new EarlierPosts(api, steps);
    }

    /**
     * Message {@code step} of the delivery, then marked done. What Slack refuses for good is noted
     * in {@link #failures} and marked all the same; an outage or rate limit postpones the rest.
     *
     * @return Slack's error when it refused the post for good; empty when it is in
     */
    Optional<String> post(int step, String channel, String what, UnaryOperator<ChatPostMessageRequestBuilder> message) {
        String post = Integer.toString(step);
        Optional<String> refusal = Optional.empty();
        if (earlier.find(channel, post).isPresent()) {
            log.info("{} to {} got in on an earlier try; not posted again", what, channel);
        } else {
            try {
                send(channel, post, message);
            } catch (SlackCallFailedException refused) {
                refusal = Optional.of(refused(what, channel, refused));
            }
        }
        steps.markDone(step);
        return refusal;
    }

    /** Slack refused {@code what} to {@code to} for good: noted in {@link #failures}; its error returned. */
    String refused(String what, String to, SlackCallFailedException refused) {
        log.warn("Slack refused {} to {}: {}", what, to, refused.getMessage());
        failures.add("Slack refused " + what + " to " + to + ": " + refused.error());
        return refused.error();
    }

    /** The incident card in its room: its ts, from an earlier try or posted now; empty when Slack refused it. */
    Optional<String> card(String channel, String what, UnaryOperator<ChatPostMessageRequestBuilder> message) {
        Optional<String> posted = earlier.find(channel, PostMark.CARD);
        if (posted.isPresent()) {
            log.info("{} in {} got in on an earlier try; not posted again", what, channel);
            return posted;
        }
        try {
            return Optional.of(send(channel, PostMark.CARD, message));
        } catch (SlackCallFailedException refused) {
            log.warn("Could not post {} in {}: {}", what, channel, refused.getMessage());
            return Optional.empty();
        }
    }

    /** What Slack refused for good, in words for people. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** @return the message's ts; @throws SlackCallFailedException when Slack refused it for good */
    private String send(String channel, String post, UnaryOperator<ChatPostMessageRequestBuilder> message)
            throws SlackCallFailedException {
        steps.sending();
        Message.Metadata mark = steps.deliveryId().map(id -> new PostMark(id, post).metadata()).orElse(null);
        try {
            return api.callOnce("chat.postMessage", channel,
                    c -> c.chatPostMessage(r -> message.apply(r.channel(channel)).metadata(mark))).getTs();
        } catch (SlackCallFailedException e) {
            if (e.passing()) {
                throw new PostponedDelivery("Slack: " + e.getMessage(), e.retryAfter());
            }
            throw e;
        }
    }
}
