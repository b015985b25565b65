package io.sitrep.bot.insights;

import java.time.Instant;
import java.util.List;

import io.sitrep.incident.Severity;

/**
 * One incident's figures, as the insights page counts them: kept per incident as it changes
 * (see {@link InsightsIndex}), so a page over thousands of incidents adds these up rather than
 * reading every timeline. Durations in seconds, null when the incident has no such time (yet).
 *
 * @param updates                    stakeholder updates that were owed when posted
 * @param onTime                     of those, posted at or before they were due
 * @param worstLatenessSeconds       the latest of them past its due time (0: none late), null without any
 * @param firstUpdateAfterMitigation stakeholders heard first only after the first Monitoring (or never, once mitigated)
 * @param followUpsDue               when each open follow-up is due (no entry for one without a date)
 */
public record IncidentSummary(
        String id,
        String service,
        Severity severity,
        Instant declaredAt,
        Long detectSeconds,
        Long acknowledgeSeconds,
        Long mitigateSeconds,
        Long resolveSeconds,
        Long firstUpdateSeconds,
        int updates,
        int onTime,
        Long worstLatenessSeconds,
        boolean firstUpdateAfterMitigation,
        int followUpsOpen,
        int followUpsDone,
        List<Instant> followUpsDue) {

    public IncidentSummary {
        followUpsDue = followUpsDue == null ? List.of() : List.copyOf(followUpsDue);
    }
}
