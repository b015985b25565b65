package io.sitrep.bot.oncall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.chat.slack.SlackUsergroups;
import io.sitrep.integrations.redis.RedisOnCall;

/**
 * Keeps each schedule's Slack user group ({@code slack-usergroup}) holding whoever is on call,
 * so that a mention of the group wakes the right person, across handoffs and overrides.
 * <ul>
 * <li>One replica at a time does it, the holder of a lease in Redis: overrides are made on any
 * replica, but the group must not be written by several at once.</li>
 * <li>Idempotent: what was last written is kept in Redis, and the group is written only when
 * who is on call differs from it. That record is trusted for {@link #TRUSTED}; then Slack's
 * own member list is compared, so a change made by hand in Slack is put right too.</li>
 * <li>A failed write is tried again on a later {@link #tick()}, after a backoff doubling from
 * {@link #FIRST_RETRY} to {@link #LONGEST_RETRY}, per schedule.</li>
 * <li>When nobody is on call, or the person on call has no Slack id, the group is left as it
 * is: a group that still pings someone beats one that pings nobody.</li>
 * </ul>
 */
public final class UsergroupSync {

    static final String LEASE = "oncall-usergroups";
    static final Duration TRUSTED = Duration.ofHours(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(UsergroupSync.class);

    private record Retry(int failures, Instant notBefore) {

        Retry next(Instant now) {
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
            return new Retry(failures + 1, now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait));
        }
    }

    private final OnCallDesk desk;
    private final SlackUsergroups usergroups;
    private final RedisOnCall redis;
    private final LeaderLease lease;
    private final Duration leaseTtl;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** Schedules and people already reported as having no Slack id, so the log says it once. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param every how often {@link #tick()} runs: the lease outlives a few missed ticks, no more */
    public UsergroupSync(OnCallDesk desk, SlackUsergroups usergroups, RedisOnCall redis, LeaderLease lease,
                         Duration every, Clock clock) {
        this.desk = desk;
        this.usergroups = usergroups;
        this.redis = redis;
        this.lease = lease;
        this.leaseTtl = every.multipliedBy(3);
        this.clock = clock;
    }

    /** Runs {@link #tick()} every {@code every} on a thread of its own, from now; closing stops it. */
    public AutoCloseable runEvery(Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oncall-usergroups");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tickSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** A scheduled task that throws is never run again: nothing may end the syncing. */
    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("On-call user groups not brought in step this time: {}", e.getMessage());
        }
    }

    /** Brings every schedule's user group in step, if this replica holds the lease. */
    public void tick() {
        OnCallDirectory directory = desk.directory();
        if (directory.allSchedules().stream().noneMatch(s -> s.slackUsergroup() != null) || !holdLease()) {
            return;
        }
        Instant now = clock.instant();
        for (Schedule schedule : directory.allSchedules()) {
            if (schedule.slackUsergroup() != null) {
                bringInStep(schedule, directory, now);
            }
        }
    }

    private boolean holdLease() {
        try {
            return lease.holdOrTake(LEASE, holder, leaseTtl);
        } catch (RuntimeException e) {
            log.warn("Could not check the on-call user group lease; skipping this time: {}", e.getMessage());
            return false;
        }
    }

    private void bringInStep(Schedule schedule, OnCallDirectory directory, Instant now) {
        Retry retry = retries.get(schedule.id());
        if (retry != null && now.isBefore(retry.notBefore())) {
            return;
        }
        try {
            Optional<String> wanted = slackIdOnCall(schedule, directory, now);
            if (wanted.isEmpty()) {
                return;
            }
            String group = schedule.slackUsergroup();
            String written = group + " " + wanted.get();
            if (!written.equals(redis.lastUsergroupMembers(schedule.id()))) {
                if (!usergroups.members(group).equals(List.of(wanted.get()))) {
                    usergroups.replaceMembers(group, List.of(wanted.get()));
                    log.info("Slack user group {} of on-call schedule {} now holds {}", group, schedule.id(),
                            wanted.get());
                }
                redis.rememberUsergroupMembers(schedule.id(), written, TRUSTED.toMillis());
            }
            retries.remove(schedule.id());
        } catch (SlackUsergroups.CallFailedException | RuntimeException e) {
            Retry next = (retry == null ? new Retry(0, now) : retry).next(now);
            retries.put(schedule.id(), next);
            log.warn("Slack user group {} of on-call schedule {} not brought in step ({}); trying again after {}",
                    schedule.slackUsergroup(), schedule.id(), e.getMessage(), next.notBefore());
        }
    }

    private Optional<String> slackIdOnCall(Schedule schedule, OnCallDirectory directory, Instant now) {
        Optional<String> person = desk.at(schedule, now).current().map(Shift::person);
        Optional<String> slack = person.map(directory::personOrKey).flatMap(Person::slackId);
        if (person.isPresent() && slack.isEmpty() && reported.add(schedule.id() + " " + person.get())) {
            log.warn("{} is on call for {} but has no Slack id in people.yml; its user group {} is left as it is",
                    person.get(), schedule.id(), schedule.slackUsergroup());
        }
        return slack;
    }
}
