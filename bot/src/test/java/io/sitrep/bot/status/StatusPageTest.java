package io.sitrep.bot.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.bot.postmortem.IncidentReplay;
import io.sitrep.config.StatusSettings;

/**
 * The public status page from the founding incident replayed, in the form of its own public
 * report; and what must never be public: notes, node names, responders, private incidents.
 */
class StatusPageTest {

    private static final StatusSettings SETTINGS = new StatusSettings("ConnectMe status",
            List.of(new StatusSettings.Component("ConnectMe (EU)", "ConnectMe (EU)", null)));

    @Test
    void theFoundingIncidentReadsAsItsPublicReportWithEveryPostAndThePublishedPostmortem() {
        IncidentReplay replay = IncidentReplay.connectMe();
        replay.clock.set(java.time.Instant.parse("2026-03-06T12:00:00Z"));
        PublicStatus status = new StatusReader(replay.store, SETTINGS, replay.clock).read();

        assertThat(status.active()).isEmpty();
        assertThat(status.history()).singleElement().satisfies(incident -> {
            assertThat(incident.affected()).containsExactly("ConnectMe (EU)");
            assertThat(incident.posts()).extracting(PublicStatus.Post::label)
                    .containsExactly("Postmortem", "Resolved", "Monitoring", "Investigating");
        });
        String incidentPage = StatusHtml.incidentPage(status, status.history().get(0));
        assertThat(incidentPage).contains("<h1>Incident Report for ConnectMe status</h1>")
                .contains("<strong>Investigating</strong> - We are investigating login and call failures for ConnectMe "
                        + "(EU) users. Updates every 60 minutes.<br><small>Posted Feb 26, 2026 - 10:21 UTC</small>")
                .contains("<strong>Monitoring</strong>").contains("Posted Feb 26, 2026 - 10:23 UTC")
                .contains("This incident affected: ConnectMe (EU)")
                .contains("<h2>Postmortem</h2>").contains("<h3>Root cause</h3><p>A deadlock in the platform node;")
                .contains("<li>Detect a hung node in seconds: probe with a deadline, not a long retry window</li>");
        assertThat(incidentPage.indexOf("Postmortem</strong>")).as("newest post first")
                .isLessThan(incidentPage.indexOf("Investigating</strong>"));
        String page = StatusHtml.page(status);
        assertThat(page).contains("ConnectMe (EU)</strong> <span class=\"OPERATIONAL\">Operational</span>")
                .contains("<a href=\"/status/incidents/INC-1\">ConnectMe (EU) login and calls failing</a>")
                .contains("name=\"viewport\"").contains("prefers-color-scheme:dark").doesNotContain("<script");
        assertThat(status.components().get(0).days()).hasSize(90)
                .as("the days the incident was public are marked").contains(PublicStatus.Impact.PARTIAL);
    }

    @Test
    void theIncidentPageIsTheGoldenOneAndTheFeedIsAtomWithAnEntryPerPost() throws Exception {
        IncidentReplay replay = IncidentReplay.connectMe();
        replay.clock.set(java.time.Instant.parse("2026-03-06T12:00:00Z"));
        PublicStatus status = new StatusReader(replay.store, SETTINGS, replay.clock).read();

        assertGolden("connectme-status-incident.html", StatusHtml.incidentPage(status, status.history().get(0)));

        org.w3c.dom.Document feed = atom(StatusFeed.atom(status));
        org.w3c.dom.Element root = feed.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        for (String required : List.of("id", "title", "updated")) {
            assertThat(children(root, required)).as("feed/" + required).hasSize(1);
        }
        List<org.w3c.dom.Element> entries = children(root, "entry");
        assertThat(entries).hasSize(4);
        List<String> ids = new java.util.ArrayList<>();
        List<java.time.Instant> updated = new java.util.ArrayList<>();
        for (org.w3c.dom.Element entry : entries) {
            for (String required : List.of("id", "title", "updated", "content")) {
                assertThat(children(entry, required)).as("entry/" + required).hasSize(1);
            }
            ids.add(children(entry, "id").get(0).getTextContent());
            updated.add(java.time.Instant.parse(children(entry, "updated").get(0).getTextContent()));
        }
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(java.net.URI.create(id).isAbsolute()).isTrue());
        assertThat(updated).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(java.time.Instant.parse(children(root, "updated").get(0).getTextContent())).isEqualTo(updated.get(0));
        assertThat(children(entries.get(3), "title").get(0).getTextContent())
                .isEqualTo("Investigating - ConnectMe (EU) login and calls failing");
    }

    /** The founding incident, then a hostile one with a note naming a node, and a private one. */
    private static PublicStatus withHostileAndPrivateIncidents() {
        IncidentReplay replay = IncidentReplay.connectMe();
        replay.at("2026-03-06T09:00:00Z", "mallory", "declare \"<script>alert(1)</script> payments\" --sev 1 "
                        + "--service payments --node secret-node-9")
                .at("2026-03-06T09:01:00Z", "mallory", "note INC-2 \"internal: db password rotated on secret-node-9\"")
                .at("2026-03-06T09:02:00Z", "mallory", "update INC-2 \"Payments fail <b>now</b> & then\"")
                .at("2026-03-06T09:02:30Z", "mallory", "update INC-2 \"<@U0BOB> is on it \u0001 more soon\"")
                .at("2026-03-06T09:03:00Z", "mallory", "declare \"Quiet security matter\" --private --service payments")
                .at("2026-03-06T09:04:00Z", "mallory", "update INC-3 \"Only for us\"");
        replay.clock.set(java.time.Instant.parse("2026-03-06T12:00:00Z"));
        return new StatusReader(replay.store, SETTINGS, replay.clock).read();
    }

    private static void assertNothingInternal(String published) {
        assertThat(published).as("the public post is there").contains("Payments fail");
        assertThat(published).as("notes never appear").doesNotContain("db password");
        assertThat(published).as("node names never appear").doesNotContain("secret-node-9", "platform-node-7");
        assertThat(published).as("responders never appear").doesNotContain("mallory", "oncall-ana", "dana", "U0BOB");
        assertThat(published).as("private incidents never appear").doesNotContain("Quiet security matter", "Only for us");
    }

    @Test
    void thePageShowsNothingInternalAndEscapesPeoplesText() {
        PublicStatus status = withHostileAndPrivateIncidents();
        String page = StatusHtml.page(status);
        String incidentPage = StatusHtml.incidentPage(status, status.active().get(0));

        assertNothingInternal(page);
        assertNothingInternal(incidentPage);
        assertThat(status.active()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo("INC-2"));
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; payments")
                .contains("Payments fail &lt;b&gt;now&lt;/b&gt; &amp; then");
        assertThat(incidentPage).doesNotContain("<b>now</b>");
        assertThat(status.components()).extracting(PublicStatus.ComponentStatus::name).containsExactly("ConnectMe (EU)")
                .as("a service with no component configured is not named");
    }

    @Test
    void theJsonShowsNothingInternal() throws Exception {
        PublicStatus status = withHostileAndPrivateIncidents();
        String json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(status);

        assertNothingInternal(json);
        assertThat(new ObjectMapper().readTree(json).path("active").get(0).path("title").asText())
                .as("JSON carries the text as typed; its readers escape it").isEqualTo("<script>alert(1)</script> payments");
    }

    @Test
    void theFeedShowsNothingInternalAndEscapesPeoplesText() throws Exception {
        String feed = StatusFeed.atom(withHostileAndPrivateIncidents());

        assertNothingInternal(feed);
        assertThat(feed).doesNotContain("<b>now</b>").contains("Payments fail &lt;b&gt;now&lt;/b&gt; &amp; then");
        assertThat(atom(feed).getDocumentElement().getLocalName()).as("still well-formed XML, a control character "
                + "in an update notwithstanding").isEqualTo("feed");
        assertThat(feed).contains("a responder is on it");
    }

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final java.nio.file.Path GOLDEN = java.nio.file.Path.of("src", "test", "resources", "golden");

    private static org.w3c.dom.Document atom(String xml) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static List<org.w3c.dom.Element> children(org.w3c.dom.Element parent, String name) {
        List<org.w3c.dom.Element> found = new java.util.ArrayList<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof org.w3c.dom.Element element && ATOM.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** {@code -Dgolden.update=true} rewrites the golden file after a deliberate change. */
    private static void assertGolden(String name, String actual) throws java.io.IOException {
        java.nio.file.Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            java.nio.file.Files.writeString(file, actual);
        }
        assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", name).exists();
        assertThat(actual).isEqualTo(java.nio.file.Files.readString(file));
    }
}
