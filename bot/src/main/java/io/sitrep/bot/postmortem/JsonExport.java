package io.sitrep.bot.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.sitrep.incident.Incident;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.TimelineEntry;

/**
 * The postmortem as JSON, schema {@value #SCHEMA}: the same content as the Markdown, with
 * stable field names, ISO-8601 instants (UTC) and durations, nulls where something never
 * happened. Fields are only ever added within a schema version.
 */
public final class JsonExport {

    public static final String SCHEMA = "sitrep.postmortem/v1";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonExport() {
    }

    public static String render(PostmortemReport report) {
        Incident incident = report.incident();
        Postmortem pm = incident.postmortem();
        PostmortemReport.KeyTimes times = report.keyTimes();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", SCHEMA);
        doc.put("id", incident.id().toString());
        doc.put("title", incident.title());
        doc.put("draft", report.draft());
        doc.put("state", incident.state().name());
        doc.put("category", pm.category());
        doc.put("severity", incident.severity().name());
        doc.put("owner", pm.owner());
        doc.put("completedAt", iso(pm.completedAt()));
        doc.put("summary", pm.summary());
        Map<String, Object> impact = new LinkedHashMap<>();
        impact.put("service", incident.service());
        impact.put("region", incident.region());
        impact.put("nodes", incident.nodes());
        impact.put("from", iso(times.started() != null ? times.started() : times.detected()));
        impact.put("to", iso(times.resolved()));
        impact.put("text", pm.impact());
        doc.put("impact", impact);
        doc.put("rootCause", incident.effectiveRootCause());
        doc.put("resolution", incident.effectiveResolution());
        // Schema v1 only ever adds fields: the actions stay texts, their follow-up details come beside them.
        doc.put("mitigativeActions", pm.actions().stream().map(io.sitrep.incident.FollowUp::text).toList());
        doc.put("followUps", pm.actions().stream().map(a -> ActionText.json(incident.id(), a)).toList());
        Map<String, Object> keyTimes = new LinkedHashMap<>();
        keyTimes.put("started", iso(times.started()));
        keyTimes.put("detected", iso(times.detected()));
        keyTimes.put("declared", iso(times.declared()));
        keyTimes.put("identified", iso(times.identified()));
        keyTimes.put("mitigated", iso(times.mitigated()));
        keyTimes.put("resolved", iso(times.resolved()));
        keyTimes.put("firstStakeholderUpdate", iso(times.firstUpdate()));
        keyTimes.put("reopened", times.reopened().stream().map(JsonExport::iso).toList());
        if (times.pagedAnyone()) {
            keyTimes.put("paged", iso(times.paged()));
            keyTimes.put("acknowledged", iso(times.acknowledged()));
        }
        doc.put("keyTimes", keyTimes);
        Map<String, Object> durations = new LinkedHashMap<>();
        durations.put("timeToDetect", iso(times.timeToDetect()));
        durations.put("timeToFirstUpdate", iso(times.timeToFirstUpdate()));
        durations.put("timeToMitigate", iso(times.timeToMitigate()));
        durations.put("timeToResolve", iso(times.timeToResolve()));
        if (times.pagedAnyone()) {
            durations.put("timeToAcknowledge", iso(times.timeToAcknowledge()));
        }
        doc.put("durations", durations);
        List<Map<String, Object>> runbooks = new ArrayList<>();
        incident.runbooks().forEach((id, run) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("title", run.title());
            r.put("startedBy", run.startedBy());
            r.put("startedAt", iso(run.startedAt()));
            List<Map<String, Object>> steps = new ArrayList<>();
            run.results().forEach((step, result) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("step", step);
                s.put("outcome", result.outcome().name());
                s.put("by", result.by());
                s.put("at", iso(result.at()));
                s.put("note", result.note());
                s.put("evidence", result.evidence());
                steps.add(s);
            });
            r.put("steps", steps);
            runbooks.add(r);
        });
        doc.put("runbooks", runbooks);
        List<Map<String, Object>> timeline = new ArrayList<>(report.timeline().size());
        for (TimelineEntry entry : report.timeline()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", iso(entry.at()));
            e.put("recordedAt", iso(entry.recordedAt()));
            e.put("kind", entry.kind().name());
            e.put("actor", entry.actor());
            e.put("source", entry.source());
            e.put("text", entry.text());
            e.put("data", new TreeMap<>(entry.data()));
            timeline.add(e);
        }
        doc.put("timeline", timeline);
        List<Map<String, Object>> posts = new ArrayList<>();
        for (TimelineEntry post : report.posts()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("postedAt", iso(post.at()));
            p.put("status", post.data().get("status"));
            p.put("text", post.text());
            posts.add(p);
        }
        doc.put("statusPosts", posts);
        List<Map<String, Object>> phases = new ArrayList<>();
        for (PostmortemReport.Phase phase : report.phases()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("state", phase.state().name());
            p.put("from", iso(phase.from()));
            p.put("to", iso(phase.to()));
            phases.add(p);
        }
        doc.put("phases", phases);
        try {
            return MAPPER.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a postmortem could not be written as JSON", e);
        }
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String iso(Duration d) {
        return d == null ? null : d.toString();
    }
}
