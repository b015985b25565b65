package io.sitrep.bot.heartbeat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** On-call files with one policy, {@code platform}, that pages {@code lead} by email: what a heartbeat pages. */
final class OnCallFixture {

    private OnCallFixture() {
    }

    static Path platformPolicy(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.createDirectories(dir.resolve("policies"));
            Files.writeString(dir.resolve("people.yml"), """
                    people:
                      lead: { email: lead@example.com }
                    """);
            Files.writeString(dir.resolve("policies/platform.yml"), """
                    id: platform
                    levels:
                      - notify: [person:lead]
                        escalate-after: PT30M
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
