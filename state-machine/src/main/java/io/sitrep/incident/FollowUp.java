package io.sitrep.incident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One postmortem action tracked to done: {@code INC-7/A2} is action 2 of INC-7. Actions stored by
 * earlier releases were plain strings; each reads as an open follow-up with no owner and no due
 * date, numbered by its place in the list.
 *
 * @param number  its number within the incident ({@code A<number>}); 0 until the postmortem numbers it
 * @param owner   who does it, as a person reference; null when nobody was named
 * @param due     the day it is due, null when none was set
 * @param tracker the issue that tracks it elsewhere (GitHub, Jira), null until one is made
 * @param changedAt when its status last changed, null while it never did
 */
public record FollowUp(int number, String text, String owner, LocalDate due, Status status, Tracker tracker,
                       Instant changedAt) {

    /** Where a follow-up stands. */
    public enum Status {
        OPEN, DONE, DROPPED;

        @JsonValue
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status parse(String word) {
            return valueOf(word.strip().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The issue a follow-up has in a tracker.
     *
     * @param kind {@code github} or {@code jira}
     * @param key  {@code owner/repo#123} or {@code OPS-42}
     * @param url  where people open it
     */
    public record Tracker(String kind, String key, String url) {
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public FollowUp(@JsonProperty("number") int number, @JsonProperty("text") String text,
                    @JsonProperty("owner") String owner, @JsonProperty("due") LocalDate due,
                    @JsonProperty("status") Status status, @JsonProperty("tracker") Tracker tracker,
                    @JsonProperty("changedAt") Instant changedAt) {
        this.number = number;
        this.text = text;
        this.owner = owner;
        this.due = due;
        this.status = status == null ? Status.OPEN : status;
        this.tracker = tracker;
        this.changedAt = changedAt;
    }

    /** An action as earlier releases stored it: its text alone, numbered later by its place. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static FollowUp fromText(String text) {
        return new FollowUp(0, text, null, null, Status.OPEN, null, null);
    }

    /** A new open follow-up. */
    public static FollowUp open(int number, String text, String owner, LocalDate due) {
        return new FollowUp(number, text, owner, due, Status.OPEN, null, null);
    }

    /** {@code INC-7/A2}. */
    public String id(IncidentId incident) {
        return incident + "/A" + number;
    }

    public FollowUp numbered(int n) {
        return new FollowUp(n, text, owner, due, status, tracker, changedAt);
    }

    public FollowUp withStatus(Status next, Instant at) {
        return new FollowUp(number, text, owner, due, next, tracker, at);
    }

    public FollowUp trackedBy(Tracker issue) {
        return new FollowUp(number, text, owner, due, status, issue, changedAt);
    }

    /** Open and due before {@code today}. */
    @JsonIgnore
    public boolean overdueOn(LocalDate today) {
        return status == Status.OPEN && due != null && due.isBefore(today);
    }
}
