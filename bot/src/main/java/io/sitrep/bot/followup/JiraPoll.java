package io.sitrep.bot.followup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.config.FollowUpSettings;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.incident.store.LeaderLease;

/**
 * The fallback for a Jira that cannot reach Sitrep's webhook: every few minutes one replica (the
 * lease) asks Jira which issues of open follow-ups are resolved, and marks those done. It only
 * marks done: a follow-up done in Sitrep whose issue stays open is not reopened by it.
 */
public final class JiraPoll implements AutoCloseable {

    static final String LEASE = "followup-jira-poll";
    static final Duration EVERY = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(JiraPoll.class);

    private final JiraIssues jira;
    private final IncidentStore store;
    private final TrackerEvents events;
    private final LeaderLease lease;
    private final String replica;
    private java.util.concurrent.ScheduledExecutorService timer;

    public JiraPoll(FollowUpSettings settings, IncidentStore store, IncidentWriter writer, LeaderLease lease,
                    String replica, Clock clock) {
        this.jira = new JiraIssues(settings.jira(), clock);
        this.store = store;
        this.events = new TrackerEvents(store, writer, clock);
        this.lease = lease;
        this.replica = replica;
    }

    /** @return how many follow-ups it marked done */
    public int runOnce() {
        if (!lease.holdOrTake(LEASE, replica, EVERY.multipliedBy(3))) {
            return 0;
        }
        Map<String, FollowUpRef> open = new TreeMap<>();
        for (Incident incident : store.findAll()) {
            for (FollowUp action : incident.postmortem().actions()) {
                if (action.status() == FollowUp.Status.OPEN && action.tracker() != null
                        && action.tracker().kind().equals(JiraIssues.KIND)) {
                    open.put(action.tracker().key(), new FollowUpRef(incident.id(), action.number()));
                }
            }
        }
        if (open.isEmpty()) {
            return 0;
        }
        int done = 0;
        for (String key : jira.resolved(new ArrayList<>(open.keySet()))) {
            if (open.containsKey(key)) {
                events.set(Optional.of(open.get(key)), JiraIssues.KIND, key, FollowUp.Status.DONE,
                        "resolved in " + key + " (seen by the poll)");
                done++;
            }
        }
        return done;
    }

    public void start() {
        timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "followup-jira-poll");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("The Jira poll failed this time: {}", e.getMessage());
            }
        }, EVERY.toSeconds(), EVERY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
