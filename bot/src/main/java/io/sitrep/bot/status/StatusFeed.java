package io.sitrep.bot.status;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.sitrep.bot.status.PublicStatus.Post;

/**
 * The status page's posts as an Atom feed (RFC 4287), one entry per post, newest first: the
 * same public facts as the page, for feed readers and for tools that watch a status page.
 */
final class StatusFeed {

    private StatusFeed() {
    }

    static String atom(PublicStatus status) {
        /** A post of an incident or of a maintenance window, with where the page shows it. */
        record Entry(String id, String title, String link, Post post) {
        }
        List<Entry> entries = new ArrayList<>();
        Stream.concat(status.active().stream(), status.history().stream())
                .forEach(incident -> incident.posts().forEach(post -> entries.add(new Entry(incident.id(),
                        incident.title(), "/status/incidents/" + incident.id(), post))));
        Stream.concat(status.maintenance().stream(), status.pastMaintenance().stream())
                .forEach(window -> window.posts().forEach(post -> entries.add(new Entry(window.id(), window.title(),
                        "/status#" + window.id(), post))));
        entries.sort(Comparator.comparing((Entry e) -> e.post().at()).reversed());
        Instant updated = entries.isEmpty() ? status.generatedAt() : entries.get(0).post().at();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("  <id>urn:sitrep:status</id>\n")
                .append("  <title>").append(escape(status.title())).append("</title>\n")
                .append("  <updated>").append(time(updated)).append("</updated>\n")
                .append("  <author><name>").append(escape(status.title())).append("</name></author>\n")
                .append("  <link rel=\"self\" href=\"/status/feed.atom\"/>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"/status\"/>\n");
        for (Entry entry : entries) {
            Post post = entry.post();
            xml.append("  <entry>\n")
                    .append("    <id>urn:sitrep:").append(escape(entry.id())).append(":post:")
                    .append(post.at().toEpochMilli()).append("</id>\n")
                    .append("    <title>").append(escape(post.label() + " - " + entry.title())).append("</title>\n")
                    .append("    <updated>").append(time(post.at())).append("</updated>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(escape(entry.link())).append("\"/>\n")
                    .append("    <content type=\"text\">").append(escape(post.text())).append("</content>\n")
                    .append("  </entry>\n");
        }
        return xml.append("</feed>\n").toString();
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    /** Markup escaped, and the characters XML 1.0 does not allow dropped: one odd update must not break the feed. */
    private static String escape(String text) {
        return StatusHtml.escape(text).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }
}
