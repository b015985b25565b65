package io.sitrep.integrations.chat;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.Announcement;

/**
 * Where every delivery goes, whoever made it: it is kept until each platform has sent it.
 * Taking a delivery is quick; the sending happens elsewhere, in order per incident.
 *
 * <p>What others are told of a change is planned from the change, and {@link #announcing}
 * lets the incident writer store it in the same atomic step as the change: a change never
 * stands without its posts. {@link #send} is for what follows no change (a suggestion, say).
 */
@FunctionalInterface
public interface Outbox {

    void send(Delivery delivery);

    /** The chat platforms it delivers to: an incident Sitrep opens itself lives on each of them. */
    default java.util.Set<String> chatPlatforms() {
        return java.util.Set.of();
    }

    /**
     * What every change tells beyond what its writer planned, derived from the incident before
     * and after it: a page's notifications, its acknowledgement, its end. Queued with the change,
     * in the same delivery.
     */
    @FunctionalInterface
    interface Addendum {
        Addendum NONE = (before, after) -> java.util.List.of();

        /** @param before the incident as it was, null for a declaration */
        java.util.List<DeliveryMessage> messages(Incident before, Incident after);

        /** This addendum's messages, then {@code next}'s. */
        default Addendum and(Addendum next) {
            return (before, after) -> {
                java.util.List<DeliveryMessage> all = new java.util.ArrayList<>(messages(before, after));
                all.addAll(next.messages(before, after));
                return all;
            };
        }

        /** {@code plan} with this addendum's messages after its own (in a delivery of the pager's, where it plans none). */
        default DeliveryPlan after(DeliveryPlan plan) {
            return (before, change) -> {
                Delivery planned = plan.plan(before, change);
                java.util.List<DeliveryMessage> more = messages(before, change.incident());
                if (more.isEmpty()) {
                    return planned;
                }
                if (planned == null) {
                    return Delivery.fromWatcher(io.sitrep.incident.Watcher.PAGER, change.incident().id(), more, false)
                            .livingOn(change.incident().platforms());
                }
                return planned.plus(more);
            };
        }
    }

    /** Plans the delivery of a change: what others are told of it, or null for nothing. */
    @FunctionalInterface
    interface DeliveryPlan {
        /** @param before the incident as it was, null for a declaration */
        Delivery plan(Incident before, IncidentChange change);
    }

    /**
     * An announcer for {@link IncidentWriter#announcing} that writes the planned delivery with
     * each change. This default has no queue of its own to write into the change, so it sends
     * the delivery once the change is stored.
     */
    default IncidentWriter.Announcer announcing(DeliveryPlan plan) {
        return new IncidentWriter.Announcer() {
            @Override
            public Announcement announce(Incident before, IncidentChange change) {
                return null;
            }

            @Override
            public void written(Incident before, IncidentChange change, Announcement announcement) {
                Delivery delivery = plan.plan(before, change);
                if (delivery != null) {
                    send(delivery);
                }
            }
        };
    }
}
