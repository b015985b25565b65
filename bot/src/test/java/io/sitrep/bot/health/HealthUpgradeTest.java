package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.bot.command.MutableClock;
import io.sitrep.config.HealthSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineKind;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Target;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * An upgrade in place: the keys a 0.1.0 Sitrep left (an incident in MONITORING with its
 * timeline, and its health-watch lease still held under the old key) load, and the new watch,
 * board and resolve guard work on them, and its commander, kept by name, keeps the role.
 */
class HealthUpgradeTest {

    private static final String FIXTURE = "/upgrade/0.1.0-incident-in-monitoring.jsonl";

    private final HealthWatchTest.ScriptedSource source = new HealthWatchTest.ScriptedSource(
            new Target("login-eu", "connectme", "node-3"));
    private final HealthRig rig = new HealthRig(List.of(source), HealthSettings.defaults(List.of()),
            MutableClock.at(java.time.Instant.parse("2026-02-26T09:30:00Z")));

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void anIncidentWrittenBy010IsWatchedAndResolvedByTheNewHealthGuard() throws IOException {
        load(rig.redis.jedis());
        IncidentId inc1 = new IncidentId(1);
        int before = rig.store.timeline(inc1).size();
        assertThat(rig.store.find(inc1)).hasValueSatisfying(i -> assertThat(i.state()).isEqualTo(IncidentState.MONITORING));

        source.script(HealthState.DOWN);
        assertThat(rig.watch.pollOnce()).as("the old lease key holds nothing back").hasSize(1);
        assertThat(rig.handle("resolved INC-1 \"logins work\"").error()).hasValueSatisfying(e ->
                assertThat(e).startsWith("Can't resolve INC-1: login-eu is DOWN since 2026-02-26 09:30 UTC"));

        source.script(HealthState.HEALTHY);
        rig.passPolling(Duration.ofMinutes(3));
        // Its commander was kept by name (0.1.0 kept no ids): only that name may resolve it.
        assertThat(rig.handleAs("mallory", "resolved INC-1 \"logins work\"").error())
                .contains("Only the commander (alice) or an admin may resolve INC-1.");
        assertThat(rig.handle("resolved INC-1 \"logins work\"").ok()).isTrue();

        assertThat(rig.store.timeline(inc1)).hasSize(before + 4).first()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(TimelineKind.DECLARED));
        assertThat(rig.entries(1, TimelineKind.HEALTH_CHANGED)).extracting(e -> e.data().get("to"))
                .containsExactly("DOWN", "HEALTHY");
    }

    /** Writes the fixture's keys as they were stored, the old lease with the expiry a live holder keeps renewing. */
    private static void load(UnifiedJedis jedis) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = HealthUpgradeTest.class.getResourceAsStream(FIXTURE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode key = json.readTree(line);
                String name = key.get("key").asText();
                JsonNode value = key.get("value");
                switch (key.get("type").asText()) {
                    case "string" -> {
                        if (name.startsWith("sitrep:lease:")) {
                            jedis.psetex(name, 15_000, value.asText());
                        } else {
                            jedis.set(name, value.asText());
                        }
                    }
                    case "set" -> value.forEach(member -> jedis.sadd(name, member.asText()));
                    case "hash" -> value.fields().forEachRemaining(f -> jedis.hset(name, f.getKey(), f.getValue().asText()));
                    case "stream" -> value.forEach(entry -> jedis.xadd(name, new StreamEntryID(entry.get("id").asText()),
                            json.convertValue(entry.get("fields"), new com.fasterxml.jackson.core.type.TypeReference<
                                    java.util.Map<String, String>>() { })));
                    default -> throw new IllegalStateException("fixture key of unknown type: " + line);
                }
            }
        }
    }
}
