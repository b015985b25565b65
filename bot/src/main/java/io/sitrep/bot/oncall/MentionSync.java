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
import io.sitrep.integrations.redis.RedisOnCall;

/**
 * Keeps each schedule's mentionable groups (a Slack user group, {@code slack-usergroup}; a
 * Discord role, {@code discord-role}: one {@link GroupMembers} per platform) holding whoever is
 * on call, so that a mention of the group wakes the right person, across handoffs and overrides.
 * <ul>
 * <li>One replica at a time does it, the holder of a lease in Redis: overrides are made on any
 * replica, but a group must not be written by several at once.</li>
 * <li>Idempotent: what was last written is kept in Redis, and a group is written only when who
 * is on call differs from it. That record is trusted for {@link #TRUSTED}; then the platform's
 * own member list is compared, so a change made by hand there is put right too.</li>
 * <li>A failed write is tried again on a later {@link #tick()}, after a backoff doubling from
 * {@link #FIRST_RETRY} to {@link #LONGEST_RETRY}, per schedule and platform. A refusal that
 * only an admin can lift (a missing permission) is logged once and asked again only every
 * {@link #LONGEST_RETRY}.</li>
 * <li>When nobody is on call, or the person on call has no id on the platform, the group is
 * left as it is: a group that still pings someone beats one that pings nobody.</li>
 * </ul>
 */
public final class MentionSync {

    static final String LEASE = "oncall-usergroups";
    static final Duration TRUSTED = Duration.ofHours(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(MentionSync.class);

    private record Retry(int failures, Instant notBefore) {

        Retry next(Instant now) {
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(failures, 10));
            return new Retry(failures + 1, now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait));
        }
    }

    private final OnCallDesk desk;
    private final List<GroupMembers> targets;
    private final RedisOnCall redis;
    private final LeaderLease lease;
    private final Duration leaseTtl;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();
    /** By platform and schedule. */
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();
    /** What was already logged once (a person without an id, a refusal), so the log says it once. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** @param every how often {@link #tick()} runs: the lease outlives a few missed ticks, no more */
    public MentionSync(OnCallDesk desk, List<GroupMembers> targets, RedisOnCall redis, LeaderLease lease,
                       Duration every, Clock clock) {
        this.desk = desk;
        this.targets = List.copyOf(targets);
        this.redis = redis;
        this.lease = lease;
        this.leaseTtl = every.multipliedBy(3);
        this.clock = clock;
    }

    /** Runs {@link #tick()} every {@code every} on a thread of its own, from now; closing stops it. */
    public AutoCloseable runEvery(Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oncall-mentions");
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
            log.warn("On-call groups not brought in step this time: {}", e.getMessage());
        }
    }

    /** Brings every schedule's groups in step, if this replica holds the lease. */
    public void tick() {
        OnCallDirectory directory = desk.directory();
        boolean any = directory.allSchedules().stream()
                .anyMatch(s -> targets.stream().anyMatch(t -> t.group(s) != null));
        if (!any || !holdLease()) {
            return;
        }
        Instant now = clock.instant();
        for (Schedule schedule : directory.allSchedules()) {
            for (GroupMembers target : targets) {
                if (target.group(schedule) != null) {
                    bringInStep(target, schedule, directory, now);
                }
            }
        }
    }

    private boolean holdLease() {
        try {
            return lease.holdOrTake(LEASE, holder, leaseTtl);
        } catch (RuntimeException e) {
            log.warn("Could not check the on-call groups' lease; skipping this time: {}", e.getMessage());
            return false;
        }
    }

    private void bringInStep(GroupMembers target, Schedule schedule, OnCallDirectory directory, Instant now) {
        String retryKey = target.key() + " " + schedule.id();
        Retry retry = retries.get(retryKey);
        if (retry != null && now.isBefore(retry.notBefore())) {
            return;
        }
        String group = target.group(schedule);
        try {
            Optional<String> wanted = idOnCall(target, schedule, directory, now);
            if (wanted.isEmpty()) {
                return;
            }
            String written = group + " " + wanted.get();
            if (!written.equals(redis.lastGroupMembers(schedule.id(), target.key()))) {
                Set<String> holders = target.members(group);
                if (!holders.equals(Set.of(wanted.get()))) {
                    target.replace(group, holders, wanted.get());
                    log.info("{} {} of on-call schedule {} now holds {}", target.kind(), group, schedule.id(),
                            wanted.get());
                }
                redis.rememberGroupMembers(schedule.id(), target.key(), written, TRUSTED.toMillis());
            }
            retries.remove(retryKey);
            reported.removeIf(key -> key.startsWith("refused " + retryKey + " "));
        } catch (GroupMembers.Refused e) {
            retries.put(retryKey, new Retry(10, now.plus(LONGEST_RETRY)));
            if (reported.add("refused " + retryKey + " " + e.getMessage())) {
                log.warn("{} {} of on-call schedule {} not brought in step: {}. Asking again every {} min",
                        target.kind(), group, schedule.id(), e.getMessage(), LONGEST_RETRY.toMinutes());
            } else {
                log.debug("{} {} of on-call schedule {} still refused: {}", target.kind(), group, schedule.id(),
                        e.getMessage());
            }
        } catch (GroupMembers.Failed | RuntimeException e) {
            Retry next = (retry == null ? new Retry(0, now) : retry).next(now);
            retries.put(retryKey, next);
            log.warn("{} {} of on-call schedule {} not brought in step ({}); trying again after {}", target.kind(),
                    group, schedule.id(), e.getMessage(), next.notBefore());
        }
    }

    private Optional<String> idOnCall(GroupMembers target, Schedule schedule, OnCallDirectory directory,
                                      Instant now) {
        Optional<String> person = desk.at(schedule, now).current().map(Shift::person);
        Optional<String> id = person.map(directory::personOrKey).flatMap(target::id);
        if (person.isPresent() && id.isEmpty() && reported.add(target.key() + " " + schedule.id() + " " + person.get())) {
            log.warn("{} is on call for {} but has no {} in people.yml; its {} {} is left as it is", person.get(),
                    schedule.id(), target.idName(), target.kind(), target.group(schedule));
        }
        return id;
    }
}
