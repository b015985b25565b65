package io.sitrep.bot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.runbook.RunbookCatalog;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.alerts.Alert;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisRequestDeduplicator;
import io.sitrep.integrations.redis.TestRedis;

/** What the alert desk says besides recording: the runbooks that fit. */
class AlertDeskTest {

    @Test
    void suggestsTheRunbooksThatFitAFiringAlert() {
        RedisConnection redis = TestRedis.flushed();
        RedisIncidentStore store = new RedisIncidentStore(redis);
        SpringStatemachineLifecycle lifecycle = new SpringStatemachineLifecycle();
        IncidentWriter writer = new IncidentWriter(store, lifecycle);
        List<ChatMessage> posted = new CopyOnWriteArrayList<>();
        Notices notices = new Notices(List.of((command, outcome) -> posted.addAll(outcome.replies())));
        AlertDesk desk = new AlertDesk(store, writer, new RedisRequestDeduplicator(redis, java.time.Duration.ofHours(1)),
                new RedisIncidentLinks(redis), new TriageDeclarer(writer, lifecycle,
                new UpdateSchedule(ReminderSettings.defaults()), notices), notices, MutableClock.incidentMorning(),
                RunbookCatalog.load(null));

        desk.receive(List.of(new Alert(true, "NodeUnresponsive", Map.of("alertname", "NodeUnresponsive",
                "node", "platform-node-7"), Map.of("summary", "platform-node-7 is unresponsive"),
                Instant.parse("2026-02-26T08:19:00Z"), null, "fp-1", "{}")));

        assertThat(store.find(new IncidentId(1))).isPresent();
        assertThat(posted).extracting(ChatMessage::text).anySatisfy(text -> assertThat(text)
                .startsWith("Runbooks that fit NodeUnresponsive: platform-node-unresponsive"));
    }
}
