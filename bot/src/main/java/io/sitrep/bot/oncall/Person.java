package io.sitrep.bot.oncall;

import java.time.ZoneId;
import java.util.Optional;

/**
 * One person who may be on call, named by their key in people.yml, with how to reach them.
 * Contact fields are null where the person has none; {@code timezone} is null when unknown.
 */
public record Person(String key, String slack, String discord, String email, String webhook, String pagerduty,
                     ZoneId timezone) {

    /** Where times are shown to this person: their own zone, else {@code otherwise}. */
    public ZoneId zoneOr(ZoneId otherwise) {
        return timezone == null ? otherwise : timezone;
    }

    /** Whether {@code platformId} (a Slack or Discord user id) is this person. */
    public boolean isCalled(String platformId) {
        return platformId != null && (platformId.equals(slack) || platformId.equals(discord));
    }

    /** A person people.yml does not describe: known by key only. */
    public static Person unknown(String key) {
        return new Person(key, null, null, null, null, null, null);
    }

    public Optional<String> slackId() {
        return Optional.ofNullable(slack);
    }

    public Optional<String> discordId() {
        return Optional.ofNullable(discord);
    }
}
