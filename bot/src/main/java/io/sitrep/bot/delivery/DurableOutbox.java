package io.sitrep.bot.delivery;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.config.DeliverySettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.Announcement;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.Outbox;

/**
 * Every delivery, from a person's command or a watcher, goes through here: it is written to the
 * shared queue, once for the lane of each platform that has work for it (those its incident lives
 * on; see {@link Delivery#lanes}) — with the change it tells of, in the same atomic write — so a
 * post survives a crash, a restart and an outage of the platform; marking its lanes due wakes a
 * free worker on some replica to send it. A terminal attached to this process (the console) is
 * written to directly: there is nobody else to keep it for.
 */
public final class DurableOutbox implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(DurableOutbox.class);

    private final DeliveryQueue queue;
    private final List<String> durablePlatforms;
    private final java.util.Set<String> chatPlatforms;
    private final Addendum addendum;
    private final List<ChatGateway> localGateways;
    private final CallerRequests callers;
    private final DeliveryWorkers workers;
    private final Clock clock;

    public DurableOutbox(DeliveryQueue queue, List<ChatGateway> gateways, Clock clock,
                         DeliverySettings settings, DeliveryWorkers.Listener listener) {
        this(queue, gateways, clock, settings, listener, Addendum.NONE);
    }

    /** @param addendum what every change tells beyond its own plan (a page's notifications) */
    public DurableOutbox(DeliveryQueue queue, List<ChatGateway> gateways, Clock clock,
                         DeliverySettings settings, DeliveryWorkers.Listener listener, Addendum addendum) {
        this.queue = queue;
        this.addendum = addendum;
        this.chatPlatforms = gateways.stream().filter(g -> g.durable() && g.chat()).map(ChatGateway::platform)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.clock = clock;
        this.durablePlatforms = gateways.stream().filter(ChatGateway::durable).map(ChatGateway::platform).toList();
        this.localGateways = gateways.stream().filter(g -> !g.durable()).toList();
        this.callers = new CallerRequests(clock);
        this.workers = new DeliveryWorkers(queue, gateways, callers, clock, settings, listener);
    }

    /**
     * For what follows no change. May throw {@code StoreUnavailableException}. The caller's live
     * request stays on this replica, never in the queue.
     */
    @Override
    public void send(Delivery delivery) {
        List<String> lanes = delivery.lanes(durablePlatforms);
        if (!lanes.isEmpty()) {
            // The caller first: a worker may take the delivery the moment it is queued.
            String id = UUID.randomUUID().toString();
            callers.keep(id, delivery.caller());
            queue.enqueue(id, delivery, lanes, clock.instant());
        }
        showLocally(delivery);
    }

    /**
     * The planned delivery goes into the change's own write, and where one server holds every
     * key its lanes are made due (waking a worker) in that same write. Otherwise they are made
     * due once the change is stored; a crash in between leaves the delivery in its lanes, where
     * the lane recovery finds it.
     */
    @Override
    public IncidentWriter.Announcer announcing(DeliveryPlan plan) {
        return new IncidentWriter.Announcer() {
            private Delivery planned;
            private List<String> lanes;
            private String id;

            @Override
            public Announcement announce(Incident before, IncidentChange change) {
                if (id != null) {
                    callers.forget(id); // an earlier attempt that lost its compare-and-set
                }
                planned = addendum.after(plan).plan(before, change);
                lanes = planned == null ? List.of() : planned.lanes(durablePlatforms);
                if (lanes.isEmpty()) {
                    id = null;
                    return null;
                }
                id = UUID.randomUUID().toString();
                callers.keep(id, planned.caller());
                return queue.announcement(id, planned, lanes, clock.instant());
            }

            @Override
            public void written(Incident before, IncidentChange change, Announcement announcement) {
                if (planned == null) {
                    return;
                }
                if (announcement != null && !announcement.markedDueByStore()) {
                    try {
                        queue.markDue(planned.incident(), lanes, clock.instant());
                    } catch (RuntimeException e) {
                        log.warn("The posts of {} are queued but their lanes could not be marked due ({}); lane "
                                + "recovery will find them", planned.incident(), e.getMessage());
                    }
                }
                showLocally(planned);
            }
        };
    }

    private void showLocally(Delivery delivery) {
        for (ChatGateway gateway : localGateways) {
            try {
                DeliveryResult result = gateway.deliver(delivery, DeliverySteps.inMemory());
                if (result instanceof DeliveryResult.Postponed postponed) {
                    log.warn("{} could not show a post of {}: {}", gateway.platform(), delivery.incident(), postponed.reason());
                }
            } catch (RuntimeException e) {
                log.error("{} failed to show a post of {}", gateway.platform(), delivery.incident(), e);
            }
        }
    }

    /** The platforms whose posts are kept in the queue. */
    public List<String> durablePlatforms() {
        return durablePlatforms;
    }

    @Override
    public java.util.Set<String> chatPlatforms() {
        return chatPlatforms;
    }

    public DeliveryWorkers workers() {
        return workers;
    }
}
