package io.sitrep.bot.paging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.sitrep.bot.oncall.Person;
import io.sitrep.incident.paging.Page;

/**
 * A person as the pager reaches them: every contact method they have, each a notification.
 * Chat methods come first, as they carry the Acknowledge button.
 */
final class Pageable {

    static final String SLACK = "slack";
    static final String DISCORD = "discord";
    static final String EMAIL = "email";
    static final String WEBHOOK = "webhook";
    static final String PAGERDUTY = "pagerduty";

    private Pageable() {
    }

    /** One notification per method {@code person} has, at {@code level} of {@code round}. */
    static List<Page.Notification> notifications(Person person, int level, int round, Instant at) {
        List<Page.Notification> all = new ArrayList<>();
        add(all, person, SLACK, person.slack(), level, round, at);
        add(all, person, DISCORD, person.discord(), level, round, at);
        add(all, person, EMAIL, person.email(), level, round, at);
        add(all, person, WEBHOOK, person.webhook(), level, round, at);
        add(all, person, PAGERDUTY, person.pagerduty(), level, round, at);
        return all;
    }

    private static void add(List<Page.Notification> all, Person person, String method, String address, int level,
                            int round, Instant at) {
        if (address != null && !address.isBlank()) {
            all.add(new Page.Notification(person.key(), method, address.strip(), level, round, at));
        }
    }

    /** Whether a method is a chat platform's direct message (the rest go through pager lanes). */
    static boolean chat(String method) {
        return SLACK.equals(method) || DISCORD.equals(method);
    }
}
