package io.sitrep.bot.command;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentEvent;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.lifecycle.TransitionRequest;

/**
 * A command's writer for changes that tell others something: each write returns the change
 * with its posts. {@code tell} is a function of the change alone, so what it says of the change
 * as written is exactly what was queued with it; nothing is kept between attempts.
 */
public final class TellingWriter {

    private final IncidentWriter writer;
    private final Function<IncidentChange, List<Reply.Post>> tell;

    /** @param writer a writer whose announcer queues {@code tell} of each change with it */
    TellingWriter(IncidentWriter writer, Function<IncidentChange, List<Reply.Post>> tell) {
        this.writer = writer;
        this.tell = tell;
    }

    /** @see IncidentWriter#apply */
    public Written apply(IncidentId id, IncidentEvent event, TransitionRequest request,
                         IncidentWriter.ChangeBuilder builder) {
        return written(writer.apply(id, event, request, builder));
    }

    /** @see IncidentWriter#update */
    public Optional<Written> update(IncidentId id, Function<Incident, Optional<IncidentChange>> decide) {
        return writer.update(id, decide).map(this::written);
    }

    /** @see IncidentWriter#declare */
    public Written declare(Function<IncidentId, IncidentChange> builder) {
        return written(writer.declare(builder));
    }

    private Written written(IncidentChange change) {
        return new Written(change, tell.apply(change));
    }
}
