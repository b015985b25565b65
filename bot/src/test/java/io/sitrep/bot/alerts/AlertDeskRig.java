package io.sitrep.bot.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.AlertSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.redis.RedisAlertMarks;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisNewIncidentBudget;
import io.sitrep.integrations.redis.RedisStormLink;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The desk on a real Redis, its marks, budget and storm link too, at 09:00 on the incident's
 * morning, writing through a store that can be made to die at a write.
 */
final class AlertDeskRig {

    static final Instant T0 = Instant.parse("2026-02-26T08:00:00Z");

    final RedisConnection redis;
    final RedisIncidentStore store;
    final DyingStore dying;
    final MutableClock clock = MutableClock.incidentMorning();
    final IncidentWriter writer;
    final List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
    final AlertDesk desk;

    /** On an emptied Redis. */
    AlertDeskRig(int perMinute) {
        this(TestRedis.flushed(), perMinute, d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(10));
    }

    /** On what {@code redis} holds now. */
    AlertDeskRig(RedisConnection redis, int perMinute) {
        this(redis, perMinute, d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(10));
    }

    AlertDeskRig(int perMinute, AlertStorm.Pause pause, Duration wait) {
        this(TestRedis.flushed(), perMinute, pause, wait);
    }

    private AlertDeskRig(RedisConnection redis, int perMinute, AlertStorm.Pause pause, Duration wait) {
        this.redis = redis;
        store = new RedisIncidentStore(redis);
        dying = new DyingStore(store);
        SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
        writer = new IncidentWriter(dying, lifecycle);
        Notices notices = new Notices(delivery -> posted.addAll(delivery.messages()));
        UpdateSchedule schedule = new UpdateSchedule(new ReminderSettings(Duration.ofMinutes(60),
                Map.of("SEV1", Duration.ofMinutes(15)), Duration.ofMinutes(15), Duration.ofMinutes(15), ""));
        TriageDeclarer triage = new TriageDeclarer(writer, lifecycle, schedule, notices);
        desk = new AlertDesk(dying, writer, new RedisAlertMarks(redis, AlertDesk.IN_FLIGHT_FOR, Duration.ofHours(1)),
                new RedisIncidentLinks(redis), triage, notices, clock, RunbookCatalog.load(null),
                new RedisNewIncidentBudget(redis, perMinute), new AlertSettings("", perMinute, null),
                new AlertStorm(new RedisStormLink(redis, AlertStorm.CLAIM_FOR), dying, triage, schedule, perMinute,
                        pause, Duration.ofMillis(10), wait));
    }

    /** The incident's alert entries (not the entry that declared it). */
    List<TimelineEntry> alertsOn(IncidentId id) {
        return store.timeline(id).stream().filter(e -> e.kind() == TimelineKind.ALERT).toList();
    }

    static TimelineEntry note(String text) {
        return new TimelineEntry(T0, T0, TimelineKind.NOTE, "test", "test", text, Map.of());
    }

    /** A firing alert of {@code service} with its severity label. */
    static Alert alert(String name, String service, String severity, Instant startsAt, String fingerprint) {
        return new Alert(true, name, Map.of("alertname", name, "service", service, "severity", severity),
                Map.of("summary", service + " is failing"), startsAt, null, fingerprint, "{}");
    }
}
