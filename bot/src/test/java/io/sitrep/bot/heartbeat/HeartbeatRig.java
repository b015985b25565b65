package io.sitrep.bot.heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.PagingSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.incident.store.LeaderLease;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisHeartbeats;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.TestRedis;

/**
 * Heartbeats on a real, emptied Redis at 09:00 on the incident's morning, on a clock the test
 * moves: {@code backups} is expected every 5 minutes with a minute's grace, and pages the
 * {@code platform} policy. Each {@link #replica()} is another Sitrep on the same Redis.
 */
final class HeartbeatRig {

    static final ExpectedHeartbeats EXPECTED = ExpectedHeartbeats.checked(List.of(new PagingSettings.Heartbeat(
            "backups", Duration.ofMinutes(5), Duration.ofMinutes(1), "platform")), java.util.Set.of("platform"), null);

    final MutableClock clock = MutableClock.incidentMorning();
    final RedisConnection redis = TestRedis.flushed();
    final RedisIncidentStore store = new RedisIncidentStore(redis);
    /** Run as each incident is declared, before its declarer goes on: what happens meanwhile. */
    final AtomicReference<Runnable> meanwhile = new AtomicReference<>(() -> { });
    final IncidentWriter writer = new IncidentWriter(store, new SpringStatemachineLifecycle(), (before, after) -> {
        if (before == null) {
            meanwhile.getAndSet(() -> { }).run();
        }
    });
    final List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
    final Notices notices = new Notices(delivery -> posted.addAll(delivery.messages()));
    final HeartbeatIncidents incidents = new HeartbeatIncidents(new TriageDeclarer(writer,
            new SpringStatemachineLifecycle(), new UpdateSchedule(new ReminderSettings(Duration.ofMinutes(60),
            Map.of(), Duration.ofMinutes(15), Duration.ofMinutes(15), "")), notices), writer, store, notices);
    final RedisHeartbeats heartbeats = new RedisHeartbeats(redis);

    /** A watch as one replica runs it, holding the lease in Redis as it would. */
    HeartbeatWatch replica() {
        return watch(new RedisLeaderLease(redis));
    }

    /** A watch after the lease passed to it (the replica that held it stopped). */
    HeartbeatWatch leaseHolder() {
        return watch((lease, holder, ttl) -> true);
    }

    private HeartbeatWatch watch(LeaderLease lease) {
        return new HeartbeatWatch(EXPECTED, heartbeats, incidents, lease, HeartbeatMetrics.unregistered(clock), clock);
    }

    HeartbeatDesk desk() {
        return new HeartbeatDesk(EXPECTED, heartbeats, incidents, HeartbeatMetrics.unregistered(clock), clock);
    }

    List<Incident> incidents() {
        return store.findAll();
    }
}
