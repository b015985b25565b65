package io.sitrep.bot.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Platform;
import io.sitrep.incident.PersonReference;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Once a week, each owner of overdue follow-ups is sent the list of them, in a direct message
 * through the outbox. One replica does it (the lease), and a mark per owner and ISO week in
 * Redis, taken before the message is queued, makes it once a week whichever replica runs.
 * Owners named by a Slack or Discord mention get it; an owner known only by name has no direct
 * messages to reach, and a post where others read it would shame them, so they are skipped.
 */
public final class OverdueDigest implements AutoCloseable {

    /** How often a replica looks: the first look in a week sends that week's digests. */
    static final Duration LOOK_EVERY = Duration.ofMinutes(15);

    static final String LEASE = "followup-digest";
    private static final Logger log = LoggerFactory.getLogger(OverdueDigest.class);
    /** A week's mark outlives its week, and no more. */
    private static final long MARK_SECONDS = Duration.ofDays(8).toSeconds();

    private final IncidentStore store;
    private final Outbox outbox;
    private final LeaderLease lease;
    private final UnifiedJedis redis;
    private final String replica;
    private final Clock clock;

    public OverdueDigest(IncidentStore store, Outbox outbox, LeaderLease lease, UnifiedJedis redis, String replica,
                         Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.lease = lease;
        this.redis = redis;
        this.replica = replica;
        this.clock = clock;
    }

    private java.util.concurrent.ScheduledExecutorService timer;

    /** Looks every {@link #LOOK_EVERY}; a look that fails is logged and the next one tries again. */
    public void start() {
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "followup-digest");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce(LOOK_EVERY.multipliedBy(3));
            } catch (RuntimeException e) {
                log.warn("The overdue follow-up digest failed this time: {}", e.toString());
            }
        }, 1, LOOK_EVERY.toMinutes(), java.util.concurrent.TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** @return how many owners were sent their digest now */
    public int runOnce(Duration leaseFor) {
        if (!lease.holdOrTake(LEASE, replica, leaseFor)) {
            return 0;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String week = today.get(IsoFields.WEEK_BASED_YEAR) + "-W" + today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Map<String, List<String>> byOwner = new TreeMap<>();
        Map<String, IncidentId> anIncident = new TreeMap<>();
        for (Incident incident : store.findAll()) {
            for (FollowUp action : incident.postmortem().actions()) {
                if (action.owner() != null && action.overdueOn(today)) {
                    byOwner.computeIfAbsent(action.owner(), o -> new ArrayList<>())
                            .add(FollowUpCommands.line(incident.id(), action, today));
                    anIncident.putIfAbsent(action.owner(), incident.id());
                }
            }
        }
        int sent = 0;
        for (Map.Entry<String, List<String>> owner : byOwner.entrySet()) {
            Optional<Audience.Person> person = person(owner.getKey());
            if (person.isEmpty()) {
                log.info("Overdue follow-ups of {} not sent: no direct message reaches a name", owner.getKey());
                continue;
            }
            String mark = "sitrep:followups:digest:" + week + ":" + owner.getKey();
            if (redis.set(mark, replica, SetParams.setParams().nx().ex(MARK_SECONDS)) == null) {
                continue; // sent this week already
            }
            String text = "Your overdue follow-ups (" + owner.getValue().size() + "):\n"
                    + String.join("\n", owner.getValue())
                    + "\nMark one done with /incident followup done <id>, or drop it with /incident followup drop <id>.";
            try {
                outbox.send(Delivery.fromWatcher(Watcher.REMINDER, anIncident.get(owner.getKey()),
                        List.of(new DeliveryMessage(person.get(), text)), false));
                sent++;
            } catch (RuntimeException e) {
                redis.del(mark); // not queued: the next run tries again this week
                throw e;
            }
        }
        return sent;
    }

    /** A Slack or Discord user by their mention: Discord's ids are numbers, Slack's begin with a letter. */
    static Optional<Audience.Person> person(String owner) {
        return PersonReference.idOf(owner).map(id -> new Audience.Person(
                id.chars().allMatch(Character::isDigit) ? Platform.DISCORD : Platform.SLACK, id));
    }
}
