package io.sitrep.bot.paging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.sitrep.incident.Incident;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.Platform;
import io.sitrep.incident.paging.Page;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.MessageAction;
import io.sitrep.integrations.chat.Outbox;
import io.sitrep.integrations.chat.PageMark;

/**
 * The messages a change of the incident's pages sends, derived from its pages before and after
 * it, so that they are queued with the change that records them — once, as the change is:
 * each notification recorded by the change (a direct message with an Acknowledge button, a
 * mail, a webhook, a PagerDuty trigger); to everyone notified when someone acknowledges, that it
 * is handled; to webhooks and PagerDuty when a page ends, or its incident is resolved or
 * cancelled after it was acknowledged, that it is over.
 */
public final class PageNotifications implements Outbox.Addendum {

    @Override
    public List<DeliveryMessage> messages(Incident before, Incident after) {
        List<DeliveryMessage> messages = new ArrayList<>();
        for (Page page : after.paging().pages()) {
            Optional<Page> old = before == null ? Optional.empty() : before.paging().page(page.id());
            List<Page.Notification> known = old.map(Page::notifications).orElse(List.of());
            for (Page.Notification sent : page.notifications()) {
                if (!known.contains(sent)) {
                    messages.add(notify(after, page, sent));
                }
            }
            boolean wasLive = old.map(Page::live).orElse(true);
            if (wasLive && page.acknowledged() != null) {
                messages.addAll(toEveryone(after, page, PageMark.Kind.HANDLED, handled(after, page)));
            } else if (wasLive && page.endedAt() != null) {
                messages.addAll(toEveryone(after, page, PageMark.Kind.ENDED, ended(after, page)));
            } else if (page.acknowledged() != null && stopsPaging(before, after)) {
                // An acknowledged alert stays open at PagerDuty (and re-triggers there) until it is resolved.
                messages.addAll(toEveryone(after, page, PageMark.Kind.ENDED, over(after)));
            }
        }
        return messages;
    }

    private static DeliveryMessage notify(Incident incident, Page page, Page.Notification sent) {
        String text = "You are paged for " + incident.id() + " · " + incident.severity() + " · " + incident.title()
                + "\n" + page.reason() + "\nAcknowledge to stop the escalation: /incident ack " + incident.id();
        List<MessageAction> actions = Pageable.chat(sent.method())
                ? List.of(new MessageAction("Acknowledge", "ack " + incident.id() + " --button")) : List.of();
        return new DeliveryMessage(audience(sent), text, actions,
                new PageMark(page.id(), PageMark.Kind.NOTIFY, sent.person(), sent.level()));
    }

    /** One message per person and method notified; the acknowledger is not told of their own acknowledgement. */
    private static List<DeliveryMessage> toEveryone(Incident incident, Page page, PageMark.Kind kind, String text) {
        List<DeliveryMessage> messages = new ArrayList<>();
        Set<String> told = new HashSet<>();
        Set<String> acknowledgers = acknowledgers(page);
        for (Page.Notification sent : page.notifications()) {
            boolean machine = endsWithMessage(sent.method());
            // The acknowledger needs no message, but their PagerDuty alert and webhook do.
            if (!told.add(sent.method() + " " + sent.address()) || acknowledgers.contains(sent.person()) && !machine
                    || kind == PageMark.Kind.ENDED && !machine) {
                continue;
            }
            messages.add(new DeliveryMessage(audience(sent), text, List.of(),
                    new PageMark(page.id(), kind, sent.person(), sent.level())));
        }
        return messages;
    }

    /** A page that ends without an acknowledgement is news to machines (PagerDuty, webhooks), not a message to wake people for. */
    private static boolean endsWithMessage(String method) {
        return Pageable.WEBHOOK.equals(method) || Pageable.PAGERDUTY.equals(method);
    }

    /** The person who acknowledged, by their key: named so, or known by the chat id they acknowledged with. */
    private static Set<String> acknowledgers(Page page) {
        Set<String> people = new HashSet<>();
        if (page.acknowledged() == null) {
            return people;
        }
        String by = page.acknowledged().by();
        for (Page.Notification sent : page.notifications()) {
            if (by.equals(sent.person()) || by.equals(PersonReference.mention(sent.address()))) {
                people.add(sent.person());
            }
        }
        return people;
    }

    private static String handled(Incident incident, Page page) {
        return incident.id() + " is handled: " + page.acknowledged().by() + " acknowledged it. No need to respond.";
    }

    /** Whether the change resolves or cancels the incident, which ends its pages. */
    private static boolean stopsPaging(Incident before, Incident after) {
        return before != null && ReminderPlan.pagesRun(before.state()) && !ReminderPlan.pagesRun(after.state());
    }

    private static String over(Incident incident) {
        return incident.id() + " is " + incident.state().name().toLowerCase(java.util.Locale.ROOT) + ".";
    }

    private static String ended(Incident incident, Page page) {
        return "The page for " + incident.id() + " is over: " + page.endReason() + ".";
    }

    private static Audience audience(Page.Notification sent) {
        return Pageable.chat(sent.method()) ? new Audience.Person(Platform.named(sent.method()), sent.address())
                : new Audience.Pager(sent.method(), sent.address());
    }
}
