package io.sitrep.bot.postmortem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, run headless. Installed with apt-get when absent and this runs as root
 * (a fresh CI machine); where it can't be, {@link #locate()} says why instead.
 */
final class HeadlessChromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    /** What one run printed. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private HeadlessChromium() {
    }

    /** The binary, or empty with the reason in {@code why}. */
    static synchronized Optional<Path> locate(StringBuilder why) {
        if (Files.isExecutable(BINARY)) {
            return Optional.of(BINARY);
        }
        try {
            Run update = run(List.of("apt-get", "update", "-qq"), 300);
            Run install = run(List.of("apt-get", "install", "-y", "-qq", "chromium"), 600);
            if (Files.isExecutable(BINARY)) {
                return Optional.of(BINARY);
            }
            why.append("chromium is not installed and apt-get could not install it (exit ").append(update.exitCode())
                    .append('/').append(install.exitCode()).append("): ").append(install.stderr().strip());
        } catch (IOException e) {
            why.append("chromium is not installed and apt-get is not available: ").append(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Chromium headless with the flags this closed network needs (no background connections,
     * no component updates) and a fresh profile.
     */
    static Run headless(Path binary, Path profile, List<String> arguments) throws IOException {
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
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
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
