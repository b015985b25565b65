package io.sitrep.bot.postmortem;

import java.time.Instant;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.TimelineEntry;

/**
 * The postmortem as one self-contained, printable HTML page: inline CSS, an inline SVG chart
 * of the incident's phases, no scripts and no external fetches. All user text is escaped.
 */
public final class HtmlExport {

    private static final String CSS = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;max-width:1000px;margin:2em auto;padding:0 1em}
            h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #cbd2d9}
            .draft{background:#fff3c4;border-left:4px solid #f0b429;padding:.4em .8em}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
            table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #cbd2d9;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f5f7fa}.post{border-left:3px solid #2680c2;padding:.2em .8em;margin:.8em 0}.muted{color:#616e7c}
            .text{white-space:pre-wrap}svg{max-width:100%;height:auto}
            @media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
            """;

    private HtmlExport() {
    }

    public static String render(PostmortemReport report) {
        Incident incident = report.incident();
        Postmortem pm = incident.postmortem();
        PostmortemReport.KeyTimes times = report.keyTimes();
        StringBuilder html = new StringBuilder(8192 + report.timeline().size() * 200);
        String title = incident.id() + ": " + HtmlText.escape(incident.title());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(title).append(" — postmortem</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(title).append("</h1>\n");
        if (report.draft()) {
            html.append("<p class=\"draft\"><strong>DRAFT</strong> — ").append(incident.id()).append(" is ")
                    .append(incident.state()).append("; this document is final once it is closed.</p>\n");
        }
        html.append("<dl>\n");
        term(html, "Category", HtmlText.escape(pm.category()));
        term(html, "Severity", incident.severity().name());
        term(html, "Postmortem owner", HtmlText.escape(pm.owner()));
        term(html, "Date completed", pm.completedAt() == null ? "not yet" : Times.format(pm.completedAt()));
        html.append("</dl>\n");

        html.append("<h2>At a glance</h2>\n").append(PhaseChart.render(report));
        section(html, "Incident summary", pm.summary());
        html.append("<h2>Impact</h2>\n<dl>\n");
        term(html, "Service", HtmlText.escape(incident.service()));
        term(html, "Region", HtmlText.escape(incident.region()));
        term(html, "Nodes", incident.nodes().isEmpty() ? "—" : HtmlText.escape(String.join(", ", incident.nodes())));
        Instant from = times.started() != null ? times.started() : times.detected();
        term(html, "Window", ReportText.time(from) + " → " + ReportText.time(times.resolved()));
        html.append("</dl>\n");
        if (pm.impact() != null && !pm.impact().isBlank()) {
            html.append("<p class=\"text\">").append(HtmlText.escape(pm.impact())).append("</p>\n");
        }
        section(html, "Root cause", incident.effectiveRootCause());
        section(html, "Incident resolution", incident.effectiveResolution());
        html.append("<h2>Mitigative actions</h2>\n");
        if (pm.actions().isEmpty()) {
            html.append("<p class=\"muted\">None recorded yet.</p>\n");
        } else {
            html.append("<ol>\n");
            pm.actions().forEach(a -> html.append("<li value=\"").append(a.number()).append("\"><strong>")
                    .append(a.id(incident.id())).append("</strong> ").append(HtmlText.escape(a.text()))
                    .append(" <span class=\"muted\">").append(HtmlText.escape(ActionText.details(a)))
                    .append("</span></li>\n"));
            html.append("</ol>\n");
        }

        html.append("<h2>Key times</h2>\n<table>\n<tr><th></th><th>UTC</th></tr>\n");
        row(html, "Started (impact)", ReportText.time(times.started()));
        row(html, "Detected", ReportText.time(times.detected()));
        row(html, "Declared", ReportText.time(times.declared()));
        row(html, "Identified", ReportText.time(times.identified()));
        row(html, "Mitigated", ReportText.time(times.mitigated()));
        row(html, "Resolved", ReportText.time(times.resolved()));
        row(html, "First stakeholder update", ReportText.time(times.firstUpdate()));
        if (times.pagedAnyone()) {
            row(html, "Paged", ReportText.time(times.paged()));
            row(html, "Acknowledged", ReportText.time(times.acknowledged()));
        }
        times.reopened().forEach(at -> row(html, "Reopened", ReportText.time(at)));
        html.append("</table>\n<table>\n<tr><th>Duration</th><th></th></tr>\n");
        row(html, "Time to detect", ReportText.duration(times.timeToDetect()));
        row(html, "Time to first update", ReportText.duration(times.timeToFirstUpdate()));
        row(html, "Time to mitigate", ReportText.duration(times.timeToMitigate()));
        row(html, "Time to resolve", ReportText.duration(times.timeToResolve()));
        if (times.pagedAnyone()) {
            row(html, "Time to acknowledge", ReportText.duration(times.timeToAcknowledge()));
        }
        html.append("</table>\n<p class=\"muted\">Durations run from the impact start where it is known, else from "
                + "detection; time to detect needs the impact start.</p>\n");

        if (!incident.runbooks().isEmpty()) {
            html.append("<h2>Runbooks</h2>\n<ul>\n");
            incident.runbooks().forEach((id, run) -> {
                html.append("<li><strong>").append(HtmlText.escape(id)).append("</strong> (")
                        .append(HtmlText.escape(run.title())).append("), started by ").append(HtmlText.escape(run.startedBy()))
                        .append(' ').append(ReportText.time(run.startedAt())).append("<ul>\n");
                run.results().forEach((step, result) -> html.append("<li>").append(HtmlText.escape(step)).append(": ")
                        .append(result.outcome().name().toLowerCase(java.util.Locale.ROOT)).append(" by ")
                        .append(HtmlText.escape(result.by())).append(' ').append(ReportText.time(result.at()))
                        .append(result.note() == null ? "" : " — " + HtmlText.escape(result.note())).append("</li>\n"));
                html.append("</ul></li>\n");
            });
            html.append("</ul>\n");
        }
        html.append("<h2>Timeline</h2>\n<table>\n<tr><th>Time (UTC)</th><th>Event</th><th>Who</th><th>Source</th>"
                + "<th>What</th></tr>\n");
        for (TimelineEntry entry : report.timeline()) {
            html.append("<tr><td>").append(Times.format(entry.at()));
            if (!entry.recordedAt().equals(entry.at())) {
                html.append("<br><span class=\"muted\">recorded ").append(Times.format(entry.recordedAt()))
                        .append("</span>");
            }
            html.append("</td><td>").append(ReportText.kind(entry)).append("</td><td>")
                    .append(HtmlText.escape(entry.actor())).append("</td><td>").append(HtmlText.escape(entry.source()))
                    .append("</td><td class=\"text\">").append(HtmlText.escape(entry.text())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Status posts</h2>\n");
        if (report.posts().isEmpty()) {
            html.append("<p class=\"muted\">None were posted.</p>\n");
        }
        for (TimelineEntry post : report.posts()) {
            Object status = post.data().get("status");
            html.append("<div class=\"post\"><strong>").append(HtmlText.escape(status == null ? "Update" : status.toString()))
                    .append("</strong><p class=\"text\">").append(HtmlText.escape(post.text()))
                    .append("</p><p class=\"muted\">Posted ").append(Times.statusPost(post.at())).append("</p></div>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void term(StringBuilder html, String label, String value) {
        html.append("<dt>").append(label).append("</dt><dd>").append(value).append("</dd>\n");
    }

    private static void section(StringBuilder html, String title, String text) {
        html.append("<h2>").append(title).append("</h2>\n<p class=\"text\">").append(HtmlText.escape(text))
                .append("</p>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><td>").append(label).append("</td><td>").append(value).append("</td></tr>\n");
    }
}
