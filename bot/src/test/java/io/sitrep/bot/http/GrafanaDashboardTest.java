package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shipped Grafana dashboard asks only for series Sitrep exports, and uses each of them. */
class GrafanaDashboardTest {

    /** What {@code /actuator/prometheus} carries of Sitrep's own (MetricsTest checks they are there). */
    private static final Set<String> SERIES = Set.of("sitrep_incidents_open", "sitrep_commands_total",
            "sitrep_stakeholder_update_overdue", "sitrep_reminders_sent_total", "sitrep_reminder_lateness_seconds_sum",
            "sitrep_reminder_lateness_seconds_count", "sitrep_reminder_lateness_seconds_max",
            "sitrep_deliveries_pending", "sitrep_health_target_state");

    @Test
    void everyQueryUsesSitrepsOwnSeriesAndEverySeriesIsShown() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(Path.of("..", "config", "grafana",
                "sitrep-dashboard.json")));
        List<String> used = new ArrayList<>();
        Pattern series = Pattern.compile("sitrep_[a-z_]+");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = series.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }

        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(SERIES).contains(name));
        assertThat(used).containsAll(List.of("sitrep_incidents_open", "sitrep_commands_total",
                "sitrep_stakeholder_update_overdue", "sitrep_reminders_sent_total", "sitrep_deliveries_pending",
                "sitrep_health_target_state"));
    }
}
