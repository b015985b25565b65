package io.sitrep.incident.paging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of an incident: a call for people to come and help, escalated level by level until
 * someone acknowledges it, the incident is over, or the levels run out. It is part of the
 * incident's record, so every step is written with a compare-and-set on the incident: two
 * replicas, a restart or an acknowledgement racing a timer leave one recorded outcome.
 *
 * @param id            {@code P1}, {@code P2}, … within the incident
 * @param reason        why it was paged, in words for the people woken
 * @param requestedBy   who or what asked for it (a user, or a watcher's name)
 * @param targets       whom it pages before its policy, in order, each a level of its own
 *                      ({@code person:ant}, {@code schedule:platform}, a chat user id)
 * @param policy        the escalation policy it follows after {@code targets}; null: none
 * @param level         the level notified last; -1 before the first notification
 * @param round         how many times the levels started again ({@code repeat})
 * @param requestedAt   when it was asked for
 * @param dueAt         when it next needs the clock: its first notification, or the escalation
 *                      if nobody acknowledges; null once it needs nothing more
 * @param notifications everyone notified so far, by each method, at each level
 * @param acknowledged  the acknowledgement that ended it; null while nobody acknowledged
 * @param endedAt       when it ended without an acknowledgement (the incident resolved or
 *                      cancelled, or nobody answered at any level); null while it runs
 * @param endReason     why it ended so
 */
public record Page(String id, String reason, String requestedBy, List<String> targets, String policy, int level,
                   int round, Instant requestedAt, Instant dueAt, List<Notification> notifications,
                   Acknowledgement acknowledged, Instant endedAt, String endReason) {

    public Page {
        targets = targets == null ? List.of() : List.copyOf(targets);
        notifications = notifications == null ? List.of() : List.copyOf(notifications);
    }

    /** A new page, due for its first notification at once. */
    public static Page requested(String id, String reason, String requestedBy, List<String> targets, String policy,
                                 Instant at) {
        return new Page(id, reason, requestedBy, targets, policy, -1, 0, at, at, List.of(), null, null, null);
    }

    /** Neither acknowledged nor ended: it may still notify and escalate. */
    public boolean live() {
        return acknowledged == null && endedAt == null;
    }

    /** Whether {@code person} was notified by this page (at any level, by any method). */
    public boolean notified(String person) {
        return notifications.stream().anyMatch(n -> n.person().equals(person));
    }

    /** The people notified so far, in the order they were first notified. */
    public List<String> people() {
        return notifications.stream().map(Notification::person).distinct().toList();
    }

    /** Notified at {@code level} of {@code round}, more notifications recorded, due again at {@code next}. */
    public Page notifiedAt(int level, int round, List<Notification> sent, Instant next) {
        List<Notification> all = new ArrayList<>(notifications);
        all.addAll(sent);
        return new Page(id, reason, requestedBy, targets, policy, level, round, requestedAt, next, all, null, null, null);
    }

    public Page acknowledgedBy(Acknowledgement ack) {
        return new Page(id, reason, requestedBy, targets, policy, level, round, requestedAt, null, notifications, ack,
                null, null);
    }

    public Page ended(Instant at, String why) {
        return new Page(id, reason, requestedBy, targets, policy, level, round, requestedAt, null, notifications, null,
                at, why);
    }

    /** Due again at {@code at} (a notification given up on escalates at once), if it still runs. */
    public Page dueBy(Instant at) {
        if (!live() || dueAt != null && !dueAt.isAfter(at)) {
            return this;
        }
        return new Page(id, reason, requestedBy, targets, policy, level, round, requestedAt, at, notifications, null,
                null, null);
    }

    /** How long it took to acknowledge; null when nobody did. */
    public Duration timeToAcknowledge() {
        return acknowledged == null ? null : Duration.between(requestedAt, acknowledged.at());
    }

    /**
     * One person told by one method: {@code method} is a chat platform ({@code slack},
     * {@code discord}) or {@code email}, {@code webhook}, {@code pagerduty}; {@code address}
     * where it went (a user id, an address, a URL, a routing key).
     */
    public record Notification(String person, String method, String address, int level, int round, Instant at) {
    }

    /** Who acknowledged, how ({@code command}, {@code button}, {@code email}), when. */
    public record Acknowledgement(String by, String how, Instant at) {
    }
}
