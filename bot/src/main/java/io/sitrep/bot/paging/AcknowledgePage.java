package io.sitrep.bot.paging;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.paging.Page;

/**
 * The pages a page mail's link opens, as plain HTML without scripts: what the incident is and
 * who is paged, with a button that acknowledges — opening the link alone changes nothing, so a
 * mail scanner following it acknowledges nobody. Every text people wrote is escaped.
 */
final class AcknowledgePage {

    private AcknowledgePage() {
    }

    /** The incident, the page and, while anything is left to acknowledge, the form that does it. */
    static String form(Incident incident, Page page, String person, String token) {
        StringBuilder body = summary(incident, page, person);
        if (incident.paging().live().isEmpty()) {
            body.append("<p class=\"note\">").append(htmlEscape(Acknowledgements.nothingToAcknowledge(incident)))
                    .append("</p>\n");
        } else {
            body.append("<form method=\"post\" action=\"ack\">\n<input type=\"hidden\" name=\"token\" value=\"")
                    .append(htmlEscape(token)).append("\">\n<button type=\"submit\">Acknowledge ").append(incident.id())
                    .append(" as ").append(htmlEscape(person)).append("</button>\n</form>\n")
                    .append("<p class=\"note\">Acknowledging stops the escalation; the others paged are told.</p>\n");
        }
        return document("Acknowledge " + incident.id(), body);
    }

    /** After this person's acknowledgement was written. */
    static String acknowledged(Incident incident, Page page, String person, String text) {
        StringBuilder body = summary(incident, page, person);
        body.append("<p class=\"done\">").append(htmlEscape(text)).append("</p>\n");
        return document(incident.id() + " acknowledged", body);
    }

    /** Nothing was left to acknowledge (someone did already, or the page is over). */
    static String nothingLeft(Incident incident, Page page, String person) {
        StringBuilder body = summary(incident, page, person);
        body.append("<p class=\"note\">").append(htmlEscape(Acknowledgements.nothingToAcknowledge(incident)))
                .append("</p>\n");
        return document(incident.id() + " needs no acknowledgement", body);
    }

    /** For a link that is not one: says nothing about what it names or whether anything exists. */
    static String notFound() {
        return document("Not found", new StringBuilder("<p>There is nothing at this address.</p>\n"));
    }

    static String unavailable() {
        return document("Try again", new StringBuilder(
                "<p>Sitrep cannot reach its store right now; nothing was changed. Try again in a minute.</p>\n"));
    }

    private static StringBuilder summary(Incident incident, Page page, String person) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(incident.id()).append(" · ").append(incident.severity()).append(" · ")
                .append(htmlEscape(incident.title())).append("</h1>\n<dl>\n");
        row(body, "State", incident.state().toString());
        if (incident.service() != null) {
            row(body, "Service", incident.service());
        }
        row(body, "Paged", String.join(", ", page.people()) + " (" + page.id() + ", since "
                + Times.format(page.requestedAt()) + ")");
        row(body, "Why", page.reason());
        row(body, "This link is for", person);
        return body.append("</dl>\n");
    }

    private static void row(StringBuilder body, String name, String value) {
        body.append("<dt>").append(name).append("</dt><dd>").append(htmlEscape(value == null ? "" : value))
                .append("</dd>\n");
    }

    private static String document(String title, StringBuilder body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n<title>" + htmlEscape(title) + " · Sitrep</title>\n"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
                + "dt{font-weight:bold}dd{margin:0 0 .6em 0}.note{color:#555}.done{font-weight:bold;color:#067647}"
                + "button{font-size:1.2em;padding:.6em 1.4em;background:#b42318;color:#fff;border:0;border-radius:4px}"
                + "</style>\n</head><body>\n" + body + "</body></html>\n";
    }
}
