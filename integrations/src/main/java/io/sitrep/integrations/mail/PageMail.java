package io.sitrep.integrations.mail;

import java.util.List;

import org.springframework.web.util.HtmlUtils;

import io.sitrep.incident.Incident;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.PageMark;

/**
 * How a page's message reads as a mail: a subject that says at a glance what happened to which
 * incident, the message as plain text, and the same as HTML — every text people wrote (the
 * title, the reason for the page) escaped there. A notification carries its acknowledge link.
 *
 * @param link the acknowledge link; null for a message that acknowledges nothing
 */
record PageMail(String subject, String text, String html) {

    static PageMail of(Incident incident, DeliveryMessage message, String link) {
        String about = incident.id() + " " + incident.severity() + " " + incident.title();
        String subject = "[Sitrep] " + what(message.page()) + ": " + oneLine(about);
        StringBuilder text = new StringBuilder(message.text() == null ? "" : message.text().strip()).append('\n');
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n");
        for (String paragraph : (message.text() == null ? "" : message.text().strip()).split("\n")) {
            html.append("<p>").append(HtmlUtils.htmlEscape(paragraph)).append("</p>\n");
        }
        if (link != null) {
            text.append("\nAcknowledge in your browser: ").append(link).append('\n')
                    .append("(The link opens a page with an Acknowledge button; opening it changes nothing.)\n");
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\" style=\"display:inline-block;")
                    .append("padding:10px 18px;background:#b42318;color:#fff;text-decoration:none;border-radius:4px\">")
                    .append("Acknowledge ").append(incident.id()).append("</a></p>\n")
                    .append("<p style=\"color:#666;font-size:small\">The link opens a page with an Acknowledge ")
                    .append("button; opening it changes nothing.</p>\n");
        }
        html.append("</body></html>\n");
        return new PageMail(subject, text.toString(), html.toString());
    }

    private static String what(PageMark page) {
        if (page == null) {
            return "Incident";
        }
        return switch (page.kind()) {
            case NOTIFY -> "Paged";
            case HANDLED -> "Handled";
            case ENDED -> "Page over";
        };
    }

    /** A header is one line: a title with a line break must not start a header of its own. */
    private static String oneLine(String text) {
        return String.join(" ", List.of(text.split("[\\r\\n\\t]+"))).strip();
    }
}
