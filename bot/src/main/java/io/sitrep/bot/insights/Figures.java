package io.sitrep.bot.insights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The figures over a set of incidents: how many, how long each step took (median and p90, by
 * nearest rank: the value at rank ⌈q·n⌉ of the n sorted ones, so always a real incident's), how
 * punctual the stakeholder updates were, and the follow-ups.
 */
@JsonPropertyOrder({"incidents", "timeToDetect", "timeToAcknowledge", "timeToMitigate", "timeToResolve",
        "timeToFirstUpdate", "updatePunctuality", "followups"})
public record Figures(
        int incidents,
        Spread timeToDetect,
        Spread timeToAcknowledge,
        Spread timeToMitigate,
        Spread timeToResolve,
        Spread timeToFirstUpdate,
        Punctuality updatePunctuality,
        FollowUpCounts followups) {

    /** Median and 90th percentile in seconds; null when no incident has the time. */
    @JsonPropertyOrder({"median", "p90"})
    public record Spread(Long median, Long p90) {

        static Spread of(List<IncidentSummary> incidents, Function<IncidentSummary, Long> seconds) {
            List<Long> values = new ArrayList<>();
            for (IncidentSummary incident : incidents) {
                Long value = seconds.apply(incident);
                if (value != null) {
                    values.add(value);
                }
            }
            values.sort(null);
            return new Spread(rank(values, 0.5), rank(values, 0.9));
        }

        private static Long rank(List<Long> sorted, double quantile) {
            if (sorted.isEmpty()) {
                return null;
            }
            int rank = (int) Math.ceil(quantile * sorted.size());
            return sorted.get(Math.max(1, rank) - 1);
        }
    }

    /**
     * @param share                      on time / updates, null without updates
     * @param worstLatenessSeconds       how far past its due time the latest update came (0: none late)
     * @param firstUpdateAfterMitigation incidents whose stakeholders heard first only after Monitoring
     */
    @JsonPropertyOrder({"updates", "onTime", "share", "worstLatenessSeconds", "firstUpdateAfterMitigation"})
    public record Punctuality(int updates, int onTime, Double share, Long worstLatenessSeconds,
                              int firstUpdateAfterMitigation) {
    }

    /** @param overdue open ones past their due date; open counts them too */
    @JsonPropertyOrder({"open", "overdue", "done"})
    public record FollowUpCounts(int open, int overdue, int done) {
    }

    static Figures of(List<IncidentSummary> incidents, Instant now) {
        int updates = 0;
        int onTime = 0;
        Long worst = null;
        int silent = 0;
        int open = 0;
        int overdue = 0;
        int done = 0;
        for (IncidentSummary incident : incidents) {
            updates += incident.updates();
            onTime += incident.onTime();
            if (incident.worstLatenessSeconds() != null) {
                worst = worst == null ? incident.worstLatenessSeconds() : Math.max(worst, incident.worstLatenessSeconds());
            }
            silent += incident.firstUpdateAfterMitigation() ? 1 : 0;
            open += incident.followUpsOpen();
            done += incident.followUpsDone();
            overdue += (int) incident.followUpsDue().stream().filter(now::isAfter).count();
        }
        return new Figures(incidents.size(), Spread.of(incidents, IncidentSummary::detectSeconds),
                Spread.of(incidents, IncidentSummary::acknowledgeSeconds),
                Spread.of(incidents, IncidentSummary::mitigateSeconds),
                Spread.of(incidents, IncidentSummary::resolveSeconds),
                Spread.of(incidents, IncidentSummary::firstUpdateSeconds),
                new Punctuality(updates, onTime, updates == 0 ? null : (double) onTime / updates, worst, silent),
                new FollowUpCounts(open, overdue, done));
    }
}
