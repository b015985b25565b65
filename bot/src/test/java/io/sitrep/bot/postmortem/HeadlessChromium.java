package io.sitrep.bot.postmortem;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, run headless. A test never installs it: {@code .ci/run} does, and where it
 * is absent {@link #locate} says why, for the test to skip with that reason.
 */
public final class HeadlessChromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    /** What one run printed. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private HeadlessChromium() {
    }

    /** The binary, or empty with the reason in {@code why}. */
    /** Chromium's binary, or the test is skipped, saying why. */
    public static Path orSkip() {
        StringBuilder why = new StringBuilder();
        Optional<Path> chromium = locate(why);
        org.junit.jupiter.api.Assumptions.assumeTrue(chromium.isPresent(), () -> "Skipped: " + why);
        return chromium.orElseThrow();
    }

    public static Optional<Path> locate(StringBuilder why) {
        if (Files.isExecutable(BINARY)) {
            return Optional.of(BINARY);
        }
        why.append(BINARY).append(" is not installed (Debian's package chromium; .ci/run installs it)");
        return Optional.empty();
    }

    /**
     * Chromium headless with the flags this closed network needs (no background connections,
     * no component updates) and a fresh profile.
     */
    /** The page's DOM after it rendered, with the console's messages on stderr. */
    public static Run dumpDom(Path binary, Path page) throws IOException {
        return dumpDom(binary, page.toUri());
    }

    /** The DOM of a page served over HTTP, as it arrived with its headers (its Content-Security-Policy). */
    public static Run dumpDom(Path binary, URI page) throws IOException {
        return headless(binary, Files.createTempDirectory("chromium-profile"),
                List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toString()));
    }

    /** A picture of the page in a window of {@code width,height}. */
    public static Run screenshot(Path binary, Path page, Path png, String windowSize) throws IOException {
        return screenshot(binary, page.toUri(), png, windowSize);
    }

    public static Run screenshot(Path binary, URI page, Path png, String windowSize) throws IOException {
        return headless(binary, Files.createTempDirectory("chromium-profile"), List.of("--window-size=" + windowSize,
                "--hide-scrollbars", "--screenshot=" + png, page.toString()));
    }

    public static Run headless(Path binary, Path profile, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(arguments);
        return run(command, 120);
    }

    private static Run run(List<String> command, int timeoutSeconds) throws IOException {
        Path out = Files.createTempFile("chromium-out", ".txt");
        Path err = Files.createTempFile("chromium-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, Files.readString(out, StandardCharsets.UTF_8), "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Run(-1, "", "interrupted");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
