package io.sitrep.bot.postmortem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandException;
import io.sitrep.bot.command.IncidentCommand;
import io.sitrep.bot.command.Invocation;
import io.sitrep.bot.command.Reply;
import io.sitrep.bot.postmortem.PostmortemExporter;
import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.ChatFile;
import io.sitrep.integrations.http.PostmortemDocuments;

/**
 * {@code export md|json|html}: the postmortem document, written under the data directory
 * ({@code exports/INC-7-postmortem.md}); the answer gives its path and the API address that
 * serves the same document.
 */
public final class ExportCommand implements IncidentCommand {

    private static final List<String> FORMATS = List.of("md", "json", "html");

    private final Path directory;

    /** @param directory where the documents are written */
    ExportCommand(Path directory) {
        this.directory = directory;
    }

    @Override
    public Reply run(Invocation in) {
        String format = in.arg(0, "a format: md, json or html").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new CommandException("export writes md, json or html, not '" + format + "'. Usage: /incident " + in.spec().usage());
        }
        IncidentId id = in.incident();
        CommandContext ctx = in.context();
        PostmortemDocuments.Document document = new PostmortemExporter(ctx.store(), ctx.people()).render(id, format);
        Path file = write(directory, document);
        return Reply.about(id)
                .toCaller("Wrote " + file.toAbsolutePath() + " (" + document.body().length() + " characters). "
                        + "Also at GET /api/incidents/" + id + "/postmortem." + format)
                .file(new ChatFile(document.fileName(), document.mediaType(), document.body()))
                .build();
    }

    /** Written to a temporary file first, then moved: a reader never sees half a document. */
    private static Path write(Path directory, PostmortemDocuments.Document document) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(document.fileName());
            Path partial = Files.createTempFile(directory, document.fileName(), ".partial");
            Files.writeString(partial, document.body(), StandardCharsets.UTF_8);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the export to " + directory, e);
        }
    }
}
