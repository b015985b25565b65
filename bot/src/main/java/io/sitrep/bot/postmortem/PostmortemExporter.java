package io.sitrep.bot.postmortem;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.http.PostmortemDocuments;

/** Reads an incident and its timeline and renders the postmortem in the format asked for. */
public final class PostmortemExporter implements PostmortemDocuments {

    private final IncidentStore store;

    public PostmortemExporter(IncidentStore store) {
        this.store = store;
    }

    @Override
    public Document render(IncidentId id, String format) {
        Incident incident = store.find(id).orElseThrow(() -> new IncidentNotFoundException(id));
        PostmortemReport report = PostmortemReport.of(incident, store.timeline(id));
        String name = report.baseName() + "." + format;
        return switch (format) {
            case "md" -> new Document(MarkdownExport.render(report), "text/markdown; charset=utf-8", name);
            case "json" -> new Document(JsonExport.render(report), "application/json", name);
            case "html" -> new Document(HtmlExport.render(report), "text/html; charset=utf-8", name);
            default -> throw new IllegalArgumentException("unknown export format: " + format);
        };
    }
}
