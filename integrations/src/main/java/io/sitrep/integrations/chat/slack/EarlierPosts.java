package io.sitrep.integrations.chat.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;

import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.PostponedDelivery;

/**
 * The posts an earlier try of a delivery got into Slack, found by their {@link PostMark} in each
 * channel's history: read at most once per channel in a try, back to a little before the first
 * try began. For a delivery no earlier try began sending, it finds nothing and calls nobody.
 */
final class EarlierPosts {

    private static final Logger log = LoggerFactory.getLogger(EarlierPosts.class);
    /** How far Slack's clock and this replica's may disagree. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    static final int PAGE_SIZE = 200;
    /** 2,000 messages since the delivery began; older ones in a channel that busy are not read. */
    static final int MAX_PAGES = 10;

    private final SlackWebApi api;
    private final String delivery;
    private final Instant since;
    /** Per channel read so far: this delivery's posts there, post → ts. */
    private final Map<String, Map<String, String>> read = new HashMap<>();

    EarlierPosts(SlackWebApi api, DeliverySteps steps) {
        this.api = api;
        this.delivery = steps.deliveryId().orElse(null);
        this.since = steps.startedBefore().orElse(null);
    }

    /**
     * The ts of this delivery's {@code post} in {@code channel}, if an earlier try got it in.
     *
     * @throws PostponedDelivery when Slack cannot be asked now: sending blind could post it twice
     */
    Optional<String> find(String channel, String post) {
        if (delivery == null || since == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(read.computeIfAbsent(channel, this::read).get(post));
    }

    private Map<String, String> read(String channel) {
        Map<String, String> posts = new HashMap<>();
        String oldest = since.minus(CLOCK_MARGIN).getEpochSecond() + ".000000";
        String cursor = null;
        try {
            for (int page = 1; page <= MAX_PAGES; page++) {
                String from = cursor;
                ConversationsHistoryResponse history = api.call("conversations.history", channel,
                        c -> c.conversationsHistory(r -> r.channel(channel).oldest(oldest).limit(PAGE_SIZE)
                                .includeAllMetadata(true).cursor(from)));
                List<Message> messages = history.getMessages() == null ? List.of() : history.getMessages();
                for (Message message : messages) {
                    PostMark.of(message.getMetadata()).filter(mark -> mark.delivery().equals(delivery))
                            .ifPresent(mark -> posts.putIfAbsent(mark.post(), message.getTs()));
                }
                cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
                if (!history.isHasMore() || cursor == null || cursor.isBlank()) {
                    return posts;
                }
            }
            log.warn("{} has more than {} messages since delivery {} began; older ones were not looked at", channel,
                    PAGE_SIZE * MAX_PAGES, delivery);
        } catch (SlackCallFailedException e) {
            if (e.passing()) {
                throw new PostponedDelivery("Slack: could not look for the posts of an earlier try: " + e.getMessage(),
                        e.retryAfter());
            }
            // Refused for good (no channels:history scope yet, say): looking can't help, so posts go out as they
            // did before there were marks.
            log.warn("Could not look in {} for the posts of an earlier try of delivery {} ({}); what is not marked "
                    + "as sent is posted", channel, delivery, e.error());
        }
        return posts;
    }
}
