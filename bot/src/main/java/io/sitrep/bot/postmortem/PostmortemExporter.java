package io.sitrep.bot.postmortem;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.People;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.http.PostmortemDocuments;

/** Reads an incident and its timeline and renders the postmortem in the format asked for. */
public final class PostmortemExporter implements PostmortemDocuments {

    private final IncidentStore store;
    private final People people;

    /** @param people names people kept by id: a document is read where mentions do not render */
    public PostmortemExporter(IncidentStore store, People people) {
        this.store = store;
        this.people = people;
    }

    /** Role holders and the postmortem owner by name, where their names are known. */
    private Incident named(Incident incident) {
        Incident.Builder named = incident.toBuilder();
        incident.roles().forEach((role, who) -> named.role(role, people.named(who)));
        named.postmortem(incident.postmortem().withOwner(people.named(incident.postmortem().owner())));
        return named.build();
    }

    @Override
    public Document render(IncidentId id, String format) {
        Incident incident = store.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        PostmortemReport report = PostmortemReport.of(named(incident), store.timeline(id).stream()
                .map(e -> new TimelineEntry(e.at(), e.recordedAt(), e.kind(), e.actor(), e.source(), people.named(e.text()),
                        e.data()))
                .toList());
        String name = report.baseName() + "." + format;
        return switch (format) {
            case "md" -> new Document(MarkdownExport.render(report), "text/markdown; charset=utf-8", name);
            case "json" -> new Document(JsonExport.render(report), "application/json", name);
            case "html" -> new Document(HtmlExport.render(report), "text/html; charset=utf-8", name);
            default -> throw new IllegalArgumentException("unknown export format: " + format);
        };
    }
}
