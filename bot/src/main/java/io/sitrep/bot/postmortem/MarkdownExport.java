package io.sitrep.bot.postmortem;

import java.time.Instant;
import java.util.List;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.Postmortem;
import io.sitrep.incident.TimelineEntry;

/** The postmortem as GitHub-flavoured Markdown, sections in the order of the product contract. */
public final class MarkdownExport {

    private MarkdownExport() {
    }

    public static String render(PostmortemReport report) {
        Incident incident = report.incident();
        Postmortem pm = incident.postmortem();
        StringBuilder md = new StringBuilder(4096 + report.timeline().size() * 120);
        md.append("# ").append(incident.id()).append(": ").append(MarkdownText.line(incident.title())).append("\n\n");
        if (report.draft()) {
            md.append("> **DRAFT** — ").append(incident.id()).append(" is ").append(incident.state())
                    .append("; this document is final once it is closed.\n\n");
        }
        md.append("- **Category:** ").append(MarkdownText.line(pm.category())).append('\n');
        md.append("- **Severity:** ").append(incident.severity()).append('\n');
        md.append("- **Postmortem owner:** ").append(MarkdownText.line(pm.owner())).append('\n');
        md.append("- **Date completed:** ").append(pm.completedAt() == null ? "not yet" : Times.format(pm.completedAt()))
                .append("\n\n");

        section(md, "Incident summary", MarkdownText.inline(pm.summary()));
        md.append("## Impact\n\n");
        md.append("- **Service:** ").append(MarkdownText.line(incident.service())).append('\n');
        md.append("- **Region:** ").append(MarkdownText.line(incident.region())).append('\n');
        md.append("- **Nodes:** ").append(incident.nodes().isEmpty() ? "—"
                : MarkdownText.line(String.join(", ", incident.nodes()))).append('\n');
        PostmortemReport.KeyTimes times = report.keyTimes();
        Instant from = times.started() != null ? times.started() : times.detected();
        md.append("- **Window:** ").append(ReportText.time(from)).append(" → ").append(ReportText.time(times.resolved())).append("\n\n");
        if (pm.impact() != null && !pm.impact().isBlank()) {
            md.append(MarkdownText.inline(pm.impact())).append("\n\n");
        }
        section(md, "Root cause", MarkdownText.inline(incident.effectiveRootCause()));
        section(md, "Incident resolution", MarkdownText.inline(incident.effectiveResolution()));

        md.append("## Mitigative actions\n\n");
        if (pm.actions().isEmpty()) {
            md.append("None recorded yet.\n\n");
        } else {
            for (FollowUp action : pm.actions()) {
                md.append(action.number()).append(". **").append(action.id(incident.id())).append("** ")
                        .append(MarkdownText.line(action.text())).append(" _(")
                        .append(MarkdownText.line(ActionText.details(action))).append(")_\n");
            }
            md.append('\n');
        }

        md.append("## Key times\n\n| | UTC |\n|---|---|\n");
        row(md, "Started (impact)", ReportText.time(times.started()));
        row(md, "Detected", ReportText.time(times.detected()));
        row(md, "Declared", ReportText.time(times.declared()));
        row(md, "Identified", ReportText.time(times.identified()));
        row(md, "Mitigated", ReportText.time(times.mitigated()));
        row(md, "Resolved", ReportText.time(times.resolved()));
        row(md, "First stakeholder update", ReportText.time(times.firstUpdate()));
        for (Instant reopen : times.reopened()) {
            row(md, "Reopened", ReportText.time(reopen));
        }
        if (times.pagedAnyone()) {
            row(md, "Paged", ReportText.time(times.paged()));
            row(md, "Acknowledged", ReportText.time(times.acknowledged()));
        }
        md.append("\n| Duration | |\n|---|---|\n");
        row(md, "Time to detect", ReportText.duration(times.timeToDetect()));
        row(md, "Time to first update", ReportText.duration(times.timeToFirstUpdate()));
        row(md, "Time to mitigate", ReportText.duration(times.timeToMitigate()));
        row(md, "Time to resolve", ReportText.duration(times.timeToResolve()));
        if (times.pagedAnyone()) {
            row(md, "Time to acknowledge", ReportText.duration(times.timeToAcknowledge()));
        }
        md.append("\nDurations run from the impact start where it is known, else from detection; time to detect ")
                .append("needs the impact start.\n\n");

        if (!incident.runbooks().isEmpty()) {
            md.append("## Runbooks\n\n");
            incident.runbooks().forEach((id, run) -> {
                md.append("- **").append(MarkdownText.line(id)).append("** (").append(MarkdownText.line(run.title()))
                        .append("), started by ").append(MarkdownText.line(run.startedBy())).append(' ')
                        .append(ReportText.time(run.startedAt())).append('\n');
                run.results().forEach((step, result) -> md.append("  - ").append(MarkdownText.line(step)).append(": ")
                        .append(result.outcome().name().toLowerCase(java.util.Locale.ROOT)).append(" by ")
                        .append(MarkdownText.line(result.by())).append(' ').append(ReportText.time(result.at()))
                        .append(result.note() == null ? "" : " — " + MarkdownText.line(result.note())).append('\n'));
            });
            md.append('\n');
        }

        md.append("## Timeline\n\n| Time (UTC) | Event | Who | Source | What |\n|---|---|---|---|---|\n");
        for (TimelineEntry entry : report.timeline()) {
            md.append("| ").append(Times.format(entry.at()));
            if (!entry.recordedAt().equals(entry.at())) {
                md.append("<br>recorded ").append(Times.format(entry.recordedAt()));
            }
            md.append(" | ").append(ReportText.kind(entry)).append(" | ").append(MarkdownText.cell(entry.actor()))
                    .append(" | ").append(MarkdownText.cell(entry.source())).append(" | ")
                    .append(MarkdownText.cell(entry.text())).append(" |\n");
        }
        md.append('\n');

        md.append("## Status posts\n\n");
        List<TimelineEntry> posts = report.posts();
        if (posts.isEmpty()) {
            md.append("None were posted.\n");
        }
        for (TimelineEntry post : posts) {
            Object status = post.data().get("status");
            md.append("**").append(MarkdownText.inline(status == null ? "Update" : status.toString())).append("**  \n")
                    .append(MarkdownText.inline(post.text())).append("  \n")
                    .append("Posted ").append(Times.statusPost(post.at())).append("\n\n");
        }
        return md.toString().stripTrailing() + "\n";
    }

    private static void section(StringBuilder md, String title, String body) {
        md.append("## ").append(title).append("\n\n").append(body).append("\n\n");
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| ").append(label).append(" | ").append(value).append(" |\n");
    }
}
