package io.sitrep.bot.status;

import java.util.List;

import io.sitrep.bot.status.PublicStatus.ComponentStatus;
import io.sitrep.bot.status.PublicStatus.Impact;
import io.sitrep.bot.status.PublicStatus.Post;
import io.sitrep.bot.status.PublicStatus.PublicIncident;
import io.sitrep.bot.status.PublicStatus.PublicMaintenance;
import io.sitrep.bot.text.Times;

/**
 * The status page as server-rendered HTML in the form of a public incident report: no
 * JavaScript, readable on a phone, light or dark as the reader's system is. Every text comes
 * from people and is escaped.
 */
final class StatusHtml {

    private static final String STYLE = """
            :root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--ok:#2da44e;\
            --deg:#d4a72c;--part:#e16f24;--major:#cf222e}
            @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d}}
            body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;\
            max-width:52rem;padding:1rem}
            h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.3rem}
            .component{display:flex;justify-content:space-between;flex-wrap:wrap;margin:.6rem 0}
            .bar{display:flex;gap:1px;width:100%;height:1.6rem;margin-top:.2rem}
            .bar span{flex:1;background:var(--ok);border-radius:1px}
            .OPERATIONAL{color:var(--ok)}.DEGRADED{color:var(--deg)}.PARTIAL{color:var(--part)}.MAJOR{color:var(--major)}
            .bar span.DEGRADED{background:var(--deg)}.bar span.PARTIAL{background:var(--part)}\
            .bar span.MAJOR{background:var(--major)}
            .post{margin:.8rem 0}.post small,.muted{color:var(--muted)}a{color:inherit}
            """;

    private StatusHtml() {
    }

    static String page(PublicStatus status) {
        return page(status, false);
    }

    /** @param subscribable whether to offer the form that subscribes an address to the posts by mail */
    static String page(PublicStatus status, boolean subscribable) {
        StringBuilder html = head(status.title(), status.title());
        html.append("<section aria-label=\"Components\">");
        if (status.components().isEmpty()) {
            html.append("<p class=\"OPERATIONAL\">All systems operational</p>");
        }
        for (ComponentStatus component : status.components()) {
            html.append("<div class=\"component\"><strong>").append(escape(component.name())).append("</strong> <span class=\"")
                    .append(component.status().name()).append("\">").append(component.status().label()).append("</span>")
                    .append("<div class=\"bar\" role=\"img\" aria-label=\"")
                    .append(escape(component.name())).append(", the last ").append(StatusReader.DAYS).append(" days\">");
            for (Impact day : component.days()) {
                // A day without an incident is an operational one (the bar's own colour: the page stays small).
                html.append(day == null ? "<span></span>" : "<span class=\"" + day.name() + "\" title=\""
                        + day.label() + "\"></span>");
            }
            html.append("</div></div>");
        }
        html.append("</section>");
        if (!status.active().isEmpty()) {
            html.append("<h2>Active incidents</h2>");
            status.active().forEach(incident -> incident(html, incident, true));
        }
        if (!status.maintenance().isEmpty()) {
            html.append("<h2>Scheduled maintenance</h2>");
            status.maintenance().forEach(window -> maintenance(html, window));
        }
        html.append("<h2>Past incidents (").append(StatusReader.DAYS).append(" days)</h2>");
        if (status.history().isEmpty()) {
            html.append("<p class=\"muted\">No incidents reported.</p>");
        }
        status.history().forEach(incident -> incident(html, incident, true));
        if (!status.pastMaintenance().isEmpty()) {
            html.append("<h3>Past maintenance</h3>");
            status.pastMaintenance().forEach(window -> maintenance(html, window));
        }
        if (subscribable) {
            subscribeForm(html, status);
        }
        return foot(html, status);
    }

    static String incidentPage(PublicStatus status, PublicIncident incident) {
        StringBuilder html = head("Incident Report for " + status.title(), incident.title() + " · " + status.title());
        incident(html, incident, false);
        if (incident.postmortem() != null) {
            PublicStatus.Postmortem pm = incident.postmortem();
            html.append("<section><h2>Postmortem</h2>");
            field(html, "Category", pm.category());
            field(html, "Summary", pm.summary());
            field(html, "Root cause", pm.rootCause());
            field(html, "Resolution", pm.resolution());
            if (!pm.actions().isEmpty()) {
                html.append("<h3>Mitigative actions</h3><ul>");
                pm.actions().forEach(a -> html.append("<li>").append(escape(a)).append("</li>"));
                html.append("</ul>");
            }
            if (pm.completedAt() != null) {
                html.append("<p><small>Completed ").append(Times.statusPost(pm.completedAt())).append("</small></p>");
            }
            html.append("</section>");
        }
        html.append("<p><a href=\"/status\">← All incidents</a></p>");
        return foot(html, status);
    }

    /** A window: its title, state and time in UTC, its posts newest first, the components it touches. */
    private static void maintenance(StringBuilder html, PublicMaintenance window) {
        html.append("<article id=\"").append(escape(window.id())).append("\"><h3>").append(escape(window.title()))
                .append("</h3><p><strong>").append(escape(window.state())).append("</strong> · ")
                .append(escape(window.window())).append("</p>");
        posts(html, window.posts());
        if (!window.affected().isEmpty()) {
            html.append("<p><small>This maintenance affects: ").append(escape(String.join(", ", window.affected())))
                    .append("</small></p>");
        }
        html.append("</article>");
    }

    private static void incident(StringBuilder html, PublicIncident incident, boolean linked) {
        html.append("<article><h3 class=\"").append(incident.impact().name()).append("\">");
        if (linked) {
            html.append("<a href=\"/status/incidents/").append(escape(incident.id())).append("\">")
                    .append(escape(incident.title())).append("</a>");
        } else {
            html.append(escape(incident.title()));
        }
        html.append("</h3>");
        posts(html, incident.posts());
        List<String> affected = incident.affected();
        if (!affected.isEmpty()) {
            html.append("<p><small>This incident affected: ").append(escape(String.join(", ", affected)))
                    .append("</small></p>");
        }
        html.append("</article>");
    }

    /** A plain form (no JavaScript): an address, and the components to hear of (none ticked: all of them). */
    private static void subscribeForm(StringBuilder html, PublicStatus status) {
        // Its style comes with it: pages without the form (the incident pages) stay as they were.
        // The field's padding and border go inside its width: else it is wider than a phone's screen.
        html.append("<style>.subscribe label{display:block;margin:.3rem 0}.subscribe input[type=email]{font:inherit;")
                .append("width:100%;max-width:24rem;padding:.4rem;box-sizing:border-box}")
                .append(".subscribe fieldset{border:1px solid var(--line);margin:.6rem 0}")
                .append(".subscribe button{font:inherit;padding:.4rem 1rem;margin-top:.4rem}</style>")
                .append("<section class=\"subscribe\"><h2>Get posts by mail</h2>")
                .append("<form method=\"post\" action=\"/status/subscribe\"><label for=\"email\">Mail address</label> ")
                .append("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\" ")
                .append("maxlength=\"254\">");
        if (!status.components().isEmpty()) {
            html.append("<fieldset><legend>Components (none ticked: all of them)</legend>");
            for (ComponentStatus component : status.components()) {
                html.append("<label><input type=\"checkbox\" name=\"component\" value=\"").append(escape(component.name()))
                        .append("\"> ").append(escape(component.name())).append("</label>");
            }
            html.append("</fieldset>");
        }
        html.append("<button type=\"submit\">Subscribe</button><p class=\"muted\"><small>We send a mail to confirm; ")
                .append("every mail has a link to unsubscribe.</small></p></form></section>");
    }

    private static void posts(StringBuilder html, List<Post> posts) {
        for (Post post : posts) {
            html.append("<div class=\"post\"><strong>").append(escape(post.label())).append("</strong> - ")
                    .append(escape(post.text())).append("<br><small>Posted ").append(Times.statusPost(post.at()))
                    .append("</small></div>");
        }
    }

    private static void field(StringBuilder html, String label, String text) {
        if (text != null && !text.isBlank()) {
            html.append("<h3>").append(label).append("</h3><p>").append(escape(text)).append("</p>");
        }
    }

    private static StringBuilder head(String heading, String title) {
        return new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(title)).append("</title><style>").append(STYLE).append("</style>")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Posts\" href=\"/status/feed.atom\">")
                .append("<link rel=\"alternate\" type=\"application/json\" href=\"/status.json\"></head><body><h1>")
                .append(escape(heading)).append("</h1>");
    }

    private static String foot(StringBuilder html, PublicStatus status) {
        return html.append("<footer><p class=\"muted\"><small>As of ").append(Times.statusPost(status.generatedAt()))
                .append(" · <a href=\"/status/feed.atom\">Atom feed</a> · <a href=\"/status.json\">JSON</a></small></p></footer>")
                .append("</body></html>\n").toString();
    }

    /** The five characters that could start markup, as entities. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
