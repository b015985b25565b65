package io.sitrep.bot.insights;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The insights page: server-side HTML, charts as inline SVG with a text alternative and the
 * same numbers in a table under each; no script. Light and dark follow the reader's setting,
 * and the layout narrows to a phone. Every text from an incident is escaped.
 */
final class InsightsHtml {

    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--bg:#fff;--card:#f3f5f8;--bar:#2f6fdb;--line:#d0d5dd}
            @media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#a3abba;--bg:#12151b;--card:#1c212a;--bar:#6ea1ff;--line:#363d4a}}
            body{margin:0;font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
            main{max-width:60rem;margin:0 auto;padding:1rem}
            h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .5rem}
            .muted{color:var(--muted)}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem}
            .card{background:var(--card);border-radius:.5rem;padding:.6rem .8rem}
            .card b{display:block;font-size:1.4rem}
            svg{width:100%;height:auto;display:block}
            svg .bar{fill:var(--bar)}svg text{fill:var(--muted);font-size:11px}svg line{stroke:var(--line)}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line);white-space:nowrap}
            td.n,th.n{text-align:right}
            form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
            label{display:flex;flex-direction:column;font-size:.85rem}
            """;

    private InsightsHtml() {
    }

    static String page(InsightsReport report, Duration freshFor) {
        Figures all = report.all();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Insights ").append(report.from()).append(" to ").append(report.to()).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body><main>")
                .append("<h1>Were the promises kept?</h1>")
                .append("<p class=\"muted\">Incidents declared from ").append(report.from()).append(" to ")
                .append(report.to()).append(" (UTC). Figures as of ").append(escape(stamp(report.asOf())))
                .append(", at most ").append(freshFor.toSeconds()).append(" s old.</p>")
                .append("<form method=\"get\" action=\"/insights\"><label>From<input type=\"date\" name=\"from\" value=\"")
                .append(report.from()).append("\"></label><label>To<input type=\"date\" name=\"to\" value=\"")
                .append(report.to()).append("\"></label><button type=\"submit\">Show</button>")
                .append(" <a href=\"/insights.json?from=").append(report.from()).append("&amp;to=").append(report.to())
                .append("\">JSON</a></form>");
        html.append("<h2>In all</h2><div class=\"cards\">");
        card(html, "incidents", "Incidents", Integer.toString(all.incidents()));
        card(html, "detect", "Time to detect (median / p90)", spread(all.timeToDetect()));
        card(html, "acknowledge", "Time to acknowledge", spread(all.timeToAcknowledge()));
        card(html, "mitigate", "Time to mitigate", spread(all.timeToMitigate()));
        card(html, "resolve", "Time to resolve", spread(all.timeToResolve()));
        card(html, "first-update", "Detection to first update", spread(all.timeToFirstUpdate()));
        Figures.Punctuality p = all.updatePunctuality();
        card(html, "on-time", "Updates on time", p.share() == null ? "–"
                : String.format(Locale.ROOT, "%.0f%% (%d of %d)", p.share() * 100, p.onTime(), p.updates()));
        card(html, "worst-lateness", "Latest update, past due", p.worstLatenessSeconds() == null ? "–"
                : duration(p.worstLatenessSeconds()));
        card(html, "silent", "First update only after mitigation", Integer.toString(p.firstUpdateAfterMitigation()));
        Figures.FollowUpCounts f = all.followups();
        card(html, "followups", "Follow-ups open / overdue / done", f.open() + " / " + f.overdue() + " / " + f.done());
        html.append("</div>");

        List<InsightsReport.Group> weeks = report.byWeek();
        html.append("<h2>Incidents per week</h2>");
        chart(html, "chart-incidents", "Incidents declared per week, " + report.from() + " to " + report.to(), weeks,
                g -> (long) g.figures().incidents(), Object::toString);
        html.append("<h2>Median time to resolve per week</h2>");
        chart(html, "chart-resolve", "Median time to resolve of the incidents declared each week, in hours", weeks,
                g -> g.figures().timeToResolve().median(), InsightsHtml::duration);
        table(html, "Week", weeks);
        html.append("<h2>By service</h2>");
        table(html, "Service", report.byService());
        html.append("<h2>By severity</h2>");
        table(html, "Severity", report.bySeverity());
        html.append("<p class=\"muted\">Times from the incidents' timelines: detect is impact start to detection; ")
                .append("acknowledge, detection to the first acknowledgement; mitigate and resolve, impact start ")
                .append("(else detection) to the first Monitoring and the last Resolved. Median and p90 by nearest ")
                .append("rank. An update is on time when posted by the time the previous one promised.</p>")
                .append("</main></body></html>");
        return html.toString();
    }

    private static void card(StringBuilder html, String id, String label, String value) {
        html.append("<div class=\"card\"><span class=\"muted\">").append(escape(label)).append("</span><b id=\"")
                .append(id).append("\">").append(escape(value)).append("</b></div>");
    }

    /** A bar per group, with its text alternative, and the groups' values under it in a table. */
    private static void chart(StringBuilder html, String id, String title, List<InsightsReport.Group> groups,
                              Function<InsightsReport.Group, Long> value, Function<Long, String> label) {
        long max = 1;
        for (InsightsReport.Group group : groups) {
            Long v = value.apply(group);
            max = Math.max(max, v == null ? 0 : v);
        }
        int width = 600;
        int height = 160;
        int bottom = 20;
        double slot = (double) width / Math.max(1, groups.size());
        html.append("<svg id=\"").append(id).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\" aria-label=\"")
                .append(escape(title)).append("\"><title id=\"").append(id).append("-title\">").append(escape(title))
                .append("</title><line x1=\"0\" y1=\"").append(height - bottom).append("\" x2=\"").append(width)
                .append("\" y2=\"").append(height - bottom).append("\"/>");
        for (int i = 0; i < groups.size(); i++) {
            InsightsReport.Group group = groups.get(i);
            Long v = value.apply(group);
            double h = v == null ? 0 : (height - bottom - 14) * (double) v / max;
            double x = i * slot + slot * 0.15;
            html.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
                            x, height - bottom - h, slot * 0.7, h))
                    .append("<title>").append(escape(group.name())).append(": ")
                    .append(v == null ? "none" : escape(label.apply(v))).append("</title></rect>");
            if (groups.size() <= 16 || i % Math.max(1, groups.size() / 8) == 0) {
                html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">", i * slot + 2, height - 5))
                        .append(escape(group.name().substring(5))).append("</text>");
            }
        }
        html.append("</svg>");
    }

    private static void table(StringBuilder html, String what, List<InsightsReport.Group> groups) {
        html.append("<div class=\"scroll\"><table><thead><tr><th>").append(what).append("</th>")
                .append("<th class=\"n\">Incidents</th><th class=\"n\">Detect</th><th class=\"n\">Acknowledge</th>")
                .append("<th class=\"n\">Mitigate</th><th class=\"n\">Resolve</th><th class=\"n\">Updates on time</th>")
                .append("<th class=\"n\">Latest past due</th><th class=\"n\">Follow-ups open</th></tr></thead><tbody>");
        for (InsightsReport.Group group : groups) {
            Figures f = group.figures();
            Figures.Punctuality p = f.updatePunctuality();
            html.append("<tr><td>").append(escape(group.name())).append("</td>");
            cell(html, Integer.toString(f.incidents()));
            cell(html, spread(f.timeToDetect()));
            cell(html, spread(f.timeToAcknowledge()));
            cell(html, spread(f.timeToMitigate()));
            cell(html, spread(f.timeToResolve()));
            cell(html, p.updates() == 0 ? "–" : p.onTime() + " of " + p.updates());
            cell(html, p.worstLatenessSeconds() == null ? "–" : duration(p.worstLatenessSeconds()));
            cell(html, Integer.toString(f.followups().open()));
            html.append("</tr>");
        }
        html.append("</tbody></table></div>");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td class=\"n\">").append(escape(text)).append("</td>");
    }

    private static String spread(Figures.Spread spread) {
        return spread.median() == null ? "–" : duration(spread.median()) + " / " + duration(spread.p90());
    }

    /** {@code 2 d 3 h}, {@code 1 h 04 min}, {@code 12 min}, {@code 40 s}. */
    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%d h %02d min", d.toHours(), d.toMinutesPart());
        }
        return d.toMinutes() > 0 ? d.toMinutes() + " min" : seconds + " s";
    }

    private static String stamp(java.time.Instant at) {
        return at == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(at);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
