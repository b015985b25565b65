package io.sitrep.bot.status.subscribers;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.util.HtmlUtils;

import io.sitrep.bot.text.Times;

/**
 * The mails a subscriber gets: the confirmation, and each post in the status page's form
 * ({@code Identified — INC-7 ConnectMe login failures}, the text, {@code Posted Feb 26, 2026 -
 * 09:15 UTC}) with the incident's public page; a maintenance window's post is headed by what
 * happened and the window's title ({@code Scheduled maintenance: Database upgrade}) and names
 * the window's time in UTC and its place on the page. Each carries RFC 8058's one-click unsubscribe
 * headers and a link to manage the subscription; every text people wrote is escaped in HTML.
 */
public final class SubscriberMail {

    private final JavaMailSender sender;
    private final SubscriberLinks links;
    private final InternetAddress from;
    private final String title;

    public SubscriberMail(JavaMailSender sender, SubscriberLinks links, String from, String title) {
        this.sender = sender;
        this.links = links;
        this.title = title;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("sitrep.mail.from: \"" + from + "\" is no mail address", e);
        }
    }

    /** The mail that asks to confirm; to an address confirmed already, where to manage it instead. */
    MimeMessage confirmation(String id, String to, boolean confirmedAlready) throws MessagingException {
        String text;
        String html;
        if (confirmedAlready) {
            String manage = links.manage(id);
            text = "You are subscribed to " + title + " already.\nChoose components or unsubscribe: " + manage
                    + "\n\nSomeone (you?) asked to subscribe this address again; nothing changed.\n";
            html = paragraph("You are subscribed to " + title + " already.")
                    + "<p><a href=\"" + esc(manage) + "\">Choose components or unsubscribe</a></p>"
                    + small("Someone (you?) asked to subscribe this address again; nothing changed.");
        } else {
            String confirm = links.confirm(id);
            text = "Confirm your subscription to " + title + ": " + confirm
                    + "\n\nThe link opens a page with a Confirm button. If you did not ask for this, ignore this mail: "
                    + "the address is forgotten unless it is confirmed.\n";
            html = paragraph("Confirm your subscription to " + title + ".")
                    + "<p><a href=\"" + esc(confirm) + "\" style=\"display:inline-block;padding:10px 18px;"
                    + "background:#1f6feb;color:#fff;text-decoration:none;border-radius:4px\">Confirm subscription</a></p>"
                    + small("If you did not ask for this, ignore this mail: the address is forgotten unless it is confirmed.");
        }
        return mail(id, to, (confirmedAlready ? "Your subscription to " : "Confirm your subscription to ") + title,
                text, html, null);
    }

    /** A post, with a Message-ID of its own that stays the same on every try. */
    MimeMessage post(String id, String to, PublicPost post, String messageId) throws MessagingException {
        boolean maintenance = post.ofMaintenance();
        String heading = maintenance ? post.label() + ": " + post.title()
                : post.label() + " — " + post.incident() + " " + post.title();
        String when = maintenance ? "Window: " + post.window() : "";
        String posted = "Posted " + Times.statusPost(post.at());
        String page = maintenance ? links.maintenance(post.incident()) : links.incident(post.incident());
        String pageName = maintenance ? "Status page" : "Incident page";
        String affects = post.components().isEmpty() ? "" : "Affects: " + String.join(", ", post.components());
        String text = heading + "\n\n" + post.text() + "\n\n" + (when.isEmpty() ? "" : when + "\n") + posted + "\n"
                + (affects.isEmpty() ? "" : affects + "\n") + pageName + ": " + page + "\n";
        String html = "<h2 style=\"font-size:1.1rem\">" + esc(heading) + "</h2>" + paragraph(post.text())
                + (when.isEmpty() ? "" : small(when)) + small(posted) + (affects.isEmpty() ? "" : small(affects))
                + "<p><a href=\"" + esc(page) + "\">" + (maintenance ? "The status page" : "The incident's page")
                + "</a></p>";
        return mail(id, to, heading, text, html, messageId);
    }

    /** The Message-ID domain: the sender's. */
    String domain() {
        String address = from.getAddress();
        return address.contains("@") ? address.substring(address.indexOf('@') + 1) : "sitrep.invalid";
    }

    private MimeMessage mail(String id, String to, String subject, String text, String html, String messageId)
            throws MessagingException {
        String manage = links.manage(id);
        String unsubscribe = links.unsubscribe(id);
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(new InternetAddress(to, true));
        helper.setSubject(oneLine(subject));
        helper.setText(text + "\n--\nManage your subscription: " + manage + "\nUnsubscribe: " + unsubscribe + "\n",
                "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n" + html
                        + "<hr><p style=\"color:#666;font-size:small\"><a href=\"" + esc(manage)
                        + "\">Manage your subscription</a> · <a href=\"" + esc(unsubscribe) + "\">Unsubscribe</a></p>"
                        + "</body></html>\n");
        mime.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        // RFC 3834: no vacation or out-of-office replies to a machine's mail.
        mime.setHeader("Auto-Submitted", "auto-generated");
        if (messageId != null) {
            mime.setHeader("Message-ID", messageId);
        }
        return mime;
    }

    private static String paragraph(String text) {
        StringBuilder html = new StringBuilder();
        for (String line : (text == null ? "" : text.strip()).split("\n")) {
            html.append("<p>").append(esc(line)).append("</p>\n");
        }
        return html.toString();
    }

    private static String small(String text) {
        return "<p style=\"color:#666;font-size:small\">" + esc(text) + "</p>\n";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    /** A header is one line: a title with a line break must not start a header of its own. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
