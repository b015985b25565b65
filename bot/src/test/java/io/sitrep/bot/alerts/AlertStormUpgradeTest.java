package io.sitrep.bot.alerts;

import static io.sitrep.bot.alerts.AlertDeskRig.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.UpgradeFixture;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.alerts.AlertIntake;
import io.sitrep.integrations.alerts.StormLink;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisStormLink;
import io.sitrep.integrations.redis.TestRedis;

/**
 * An upgrade in place: the keys a Sitrep left that kept the storm link in the {@code alert:storm}
 * field of {@code sitrep:links} (a 0.2.0 snapshot), with an alert-storm incident open, its
 * budget at one new incident a minute. The next storm joins that incident rather than opening a
 * second one, and the alerts it had taken are still repeats.
 */
class AlertStormUpgradeTest {

    private static final String FIXTURE = "/upgrade/0.2.0-snapshot-open-alert-storm.jsonl";
    private static final IncidentId OLD_STORM = new IncidentId(2);
    private static final Instant EARLIER = Instant.parse("2026-02-26T08:41:00Z");

    @Test
    void theStormIncidentOpenAcrossTheUpgradeCollectsTheNextStorm() throws IOException {
        RedisConnection redis = TestRedis.flushed();
        UpgradeFixture.load(redis.jedis(), FIXTURE);
        AlertDeskRig f = new AlertDeskRig(redis, 1);
        assertThat(f.store.find(OLD_STORM)).hasValueSatisfying(i -> assertThat(i.title()).startsWith("Alert storm"));
        Instant now = f.clock.instant();

        AlertIntake.Result result = f.desk.receive(List.of(alert("DiskFull", "search", "warning", now, "fp-search"),
                alert("DiskFull", "payments", "warning", now, "fp-payments"),
                alert("DiskFull", "reports", "warning", now, "fp-reports")));

        assertThat(result.declared()).isOne();
        assertThat(result.stormed()).isEqualTo(2);
        assertThat(f.store.findAll()).extracting(Incident::title).filteredOn(t -> t.startsWith("Alert storm"))
                .hasSize(1);
        assertThat(f.alertsOn(OLD_STORM)).extracting(e -> e.data().get("fingerprint"))
                .containsExactly("8a02e6d41c7f93b5", "c5d7b3019e6a42f8", "fp-payments", "fp-reports");
        assertThat(f.redis.jedis().hexists("sitrep:links", "alert:storm")).as("the old field is gone").isFalse();
        assertThat(new RedisStormLink(f.redis, AlertStorm.CLAIM_FOR).claim(Optional.empty()))
                .isEqualTo(new StormLink.Claim.Linked(OLD_STORM));

        AlertIntake.Result again = f.desk.receive(List.of(alert("KafkaConsumerLag", "billing", "warning", EARLIER,
                "3f1c9a7e20b4d815"), alert("KafkaConsumerLag", "invoices", "warning", EARLIER, "8a02e6d41c7f93b5")));
        assertThat(again.repeats()).as("marked as seen before the upgrade").isEqualTo(2);
    }
}
