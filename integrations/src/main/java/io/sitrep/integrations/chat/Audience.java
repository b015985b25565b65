package io.sitrep.integrations.chat;

import io.sitrep.incident.Platform;

/**
 * Who a delivered message is for. Each platform finds its own channel for it: the incident's
 * room there, its stakeholder or escalation channel, a direct message to one of its users.
 */
public sealed interface Audience {

    Audience ROOM = new Room();
    Audience STAKEHOLDERS = new Stakeholders();
    Audience ESCALATION = new Escalation();
    Audience CALLER = new Caller();

    /** The incident's own channel. */
    record Room() implements Audience {
    }

    /** The stakeholder channel. */
    record Stakeholders() implements Audience {
    }

    /** The channel overdue updates are escalated to. */
    record Escalation() implements Audience {
    }

    /** Whoever ran the command: they see it in their command's answer, so no platform posts it. */
    record Caller() implements Audience {
    }

    /** One person, in a direct message on the platform that knows them by {@code userId}. */
    record Person(Platform platform, String userId) implements Audience {
        public Person {
            if (platform == null || userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("a person needs a platform and a user id");
            }
        }
    }

    /**
     * One person reached by a paging method that is no chat platform: {@code method} is
     * {@code email}, {@code webhook} or {@code pagerduty} (its lane in the queue), {@code address}
     * where it goes (an address, a URL, a routing key).
     */
    record Pager(String method, String address) implements Audience {
        public Pager {
            if (method == null || method.isBlank() || address == null || address.isBlank()) {
                throw new IllegalArgumentException("a pager needs a method and an address");
            }
        }
    }

    /**
     * Whoever subscribed to the public status page for the components of the message's incident,
     * told of one public post (its text is the message's): by webhook, on the lane {@link #LANE}.
     *
     * @param status   the post's label on the status page ({@code Investigating} … {@code Postmortem})
     * @param postedAt when it was posted, as its timeline entry says
     */
    record StatusSubscribers(String status, java.time.Instant postedAt) implements Audience {
        public static final String LANE = "status-webhooks";

        public StatusSubscribers {
            if (status == null || status.isBlank() || postedAt == null) {
                throw new IllegalArgumentException("a public post has a status and a time");
            }
        }
    }

    /**
     * A channel by its name, as deliveries stored by the previous release addressed it; each is
     * read as one of the audiences above when it is sent ({@link ChannelNames#audience}).
     */
    record Named(String channel) implements Audience {
    }
}
