package io.sitrep.bot.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;

/**
 * The incident at a glance, as inline SVG: a bar per state interval along time, ticks for
 * stakeholder updates, markers for health changes and reminders. Coordinates are computed
 * with fixed formatting, so the same report draws the same bytes.
 */
final class PhaseChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 190;
    private static final int LEFT = 20;
    private static final int RIGHT = 20;
    private static final int BAR_Y = 36;
    private static final int BAR_HEIGHT = 30;
    private static final Map<IncidentState, String> COLORS = Map.of(
            IncidentState.TRIAGE, "#9aa5b1",
            IncidentState.INVESTIGATING, "#d64545",
            IncidentState.IDENTIFIED, "#e67e22",
            IncidentState.MONITORING, "#f0b429",
            IncidentState.RESOLVED, "#27ab83",
            IncidentState.POSTMORTEM, "#647acb",
            IncidentState.CLOSED, "#3e4c59",
            IncidentState.CANCELLED, "#7b8794");

    private PhaseChart() {
    }

    static String render(PostmortemReport report) {
        StringBuilder svg = new StringBuilder(2048);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Incident phases over time\">\n");
        if (report.phases().isEmpty()) {
            return svg.append("</svg>\n").toString();
        }
        Instant start = report.phases().get(0).from();
        PostmortemReport.KeyTimes times = report.keyTimes();
        for (Instant earlier : new Instant[] {times.started(), times.detected()}) {
            if (earlier != null && earlier.isBefore(start)) {
                start = earlier;
            }
        }
        Instant end = report.phases().get(report.phases().size() - 1).to();
        long span = Math.max(1, Duration.between(start, end).toSeconds());
        Scale x = new Scale(start, span);

        if (times.started() != null && times.started().isBefore(report.phases().get(0).from())) {
            svg.append("  <rect class=\"before\" x=\"").append(x.at(times.started())).append("\" y=\"").append(BAR_Y)
                    .append("\" width=\"").append(x.width(times.started(), report.phases().get(0).from()))
                    .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"#fde0e0\"><title>impact before "
                            + "declaration</title></rect>\n");
        }
        for (PostmortemReport.Phase phase : report.phases()) {
            svg.append("  <rect class=\"phase\" x=\"").append(x.at(phase.from())).append("\" y=\"").append(BAR_Y)
                    .append("\" width=\"").append(x.width(phase.from(), phase.to())).append("\" height=\"")
                    .append(BAR_HEIGHT).append("\" fill=\"").append(COLORS.get(phase.state())).append("\"><title>")
                    .append(phase.state().label()).append(": ").append(Times.format(phase.from())).append(" → ")
                    .append(Times.format(phase.to())).append("</title></rect>\n");
        }
        for (TimelineEntry entry : report.timeline()) {
            String cx = x.at(entry.at());
            if (entry.kind() == TimelineKind.STAKEHOLDER_UPDATE) {
                svg.append("  <line class=\"update\" x1=\"").append(cx).append("\" x2=\"").append(cx)
                        .append("\" y1=\"76\" y2=\"96\" stroke=\"#2680c2\" stroke-width=\"2\"><title>Stakeholder update ")
                        .append(Times.format(entry.at())).append("</title></line>\n");
            } else if (entry.kind() == TimelineKind.HEALTH_CHANGED || entry.kind() == TimelineKind.ALERT) {
                svg.append("  <circle class=\"health\" cx=\"").append(cx).append("\" cy=\"112\" r=\"5\" fill=\"#d64545\">")
                        .append("<title>").append(ReportText.kind(entry)).append(' ')
                        .append(Times.format(entry.at())).append("</title></circle>\n");
            } else if (entry.kind() == TimelineKind.REMINDER || entry.kind() == TimelineKind.ESCALATION) {
                svg.append("  <path class=\"reminder\" d=\"M").append(cx).append(" 122 l5 9 h-10 z\" fill=\"")
                        .append(entry.kind() == TimelineKind.ESCALATION ? "#d64545" : "#f0b429").append("\"><title>")
                        .append(ReportText.kind(entry)).append(' ').append(Times.format(entry.at()))
                        .append("</title></path>\n");
            }
        }
        svg.append("  <line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"150\" y2=\"150\" stroke=\"#9aa5b1\"/>\n");
        svg.append("  <text x=\"").append(LEFT).append("\" y=\"168\" font-size=\"12\">").append(Times.format(start))
                .append("</text>\n");
        svg.append("  <text x=\"").append(WIDTH - RIGHT).append("\" y=\"168\" font-size=\"12\" text-anchor=\"end\">")
                .append(Times.format(end)).append("</text>\n");
        svg.append("  <text x=\"").append(LEFT).append("\" y=\"24\" font-size=\"12\">bars: state · ticks: stakeholder "
                + "updates · dots: health and alerts · triangles: reminders</text>\n");
        return svg.append("</svg>\n").toString();
    }

    /** Time to x, left to right across the drawing width. */
    private record Scale(Instant start, long spanSeconds) {

        String at(Instant t) {
            return fmt(LEFT + position(t));
        }

        String width(Instant from, Instant to) {
            return fmt(Math.max(1.0, position(to) - position(from)));
        }

        private double position(Instant t) {
            double seconds = Duration.between(start, t).toSeconds();
            return seconds / spanSeconds * (WIDTH - LEFT - RIGHT);
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
    }
}
