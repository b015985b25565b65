package io.sitrep.bot.oncall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-call files as last loaded, read again when they change: at most every
 * {@code checkEvery}, on the next question after that, the files' names, sizes and modification
 * times are compared with what was loaded. A reload that finds problems logs them; what is valid
 * of it still replaces what was there.
 */
public final class OnCallFiles {

    private static final Logger log = LoggerFactory.getLogger(OnCallFiles.class);

    private final Path directory;
    private final Duration checkEvery;
    private final Clock clock;
    private volatile OnCallDirectory current;
    private volatile List<String> fingerprint;
    private volatile Instant checked;

    private OnCallFiles(Path directory, Duration checkEvery, Clock clock) {
        this.directory = directory;
        this.checkEvery = checkEvery;
        this.clock = clock;
    }

    /** Loads and checks the directory now, logging each problem with file, line and reason. */
    public static OnCallFiles load(Path directory, Duration checkEvery, Clock clock) {
        OnCallFiles files = new OnCallFiles(directory, checkEvery, clock);
        files.reload();
        return files;
    }

    /** A fixed directory, never reloaded (tests, benchmarks). */
    public static OnCallFiles of(OnCallDirectory directory) {
        OnCallFiles files = new OnCallFiles(null, Duration.ZERO, Clock.systemUTC());
        files.current = directory;
        return files;
    }

    public OnCallDirectory current() {
        if (directory != null && !clock.instant().isBefore(checked.plus(checkEvery))) {
            synchronized (this) {
                if (!clock.instant().isBefore(checked.plus(checkEvery))) {
                    checked = clock.instant();
                    if (!fingerprint().equals(fingerprint)) {
                        reload();
                    }
                }
            }
        }
        return current;
    }

    private synchronized void reload() {
        checked = clock.instant();
        fingerprint = fingerprint();
        OnCallDirectory loaded = OnCallLoader.load(directory);
        loaded.problems().forEach(problem -> log.warn("On-call file problem: {}", problem));
        if (directory != null) {
            log.info("On-call: {} people, {} schedules, {} escalation policies loaded from {}", loaded.people().size(),
                    loaded.schedules().size(), loaded.policies().size(), directory);
        }
        current = loaded;
    }

    private List<String> fingerprint() {
        List<String> marks = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory)) {
            return marks;
        }
        for (Path file : OnCallLoader.files(directory)) {
            try {
                marks.add(file + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                marks.add(file + " unreadable");
            }
        }
        return marks;
    }
}
