package io.sitrep.bot.followup;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sitrep.incident.IncidentId;

/** A follow-up's id as people type it and trackers carry it: {@code INC-7/A2}. */
public record FollowUpRef(IncidentId incident, int number) {

    private static final Pattern ID = Pattern.compile("(?i)(INC-\\d+)/A(\\d{1,6})");

    public static Optional<FollowUpRef> tryParse(String text) {
        Matcher m = text == null ? null : ID.matcher(text.strip());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return IncidentId.tryParse(m.group(1)).map(id -> new FollowUpRef(id, Integer.parseInt(m.group(2))));
    }

    /** The first id found anywhere in {@code text} (an issue's body, say). */
    public static Optional<FollowUpRef> findIn(String text) {
        Matcher m = text == null ? null : ID.matcher(text);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        return IncidentId.tryParse(m.group(1)).map(id -> new FollowUpRef(id, Integer.parseInt(m.group(2))));
    }

    @Override
    public String toString() {
        return incident + "/A" + number;
    }
}
