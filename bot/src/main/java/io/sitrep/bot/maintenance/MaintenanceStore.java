package io.sitrep.bot.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.sitrep.integrations.redis.RedisMaintenance;

/**
 * The maintenance windows in Redis, shared by every replica. A window changes only by
 * compare-and-set on its version, with its indexes (active, due, ended) and the timeline
 * entries of the change in the same step: two replicas moving the same window record the
 * move once. A change that adds a post also records, in that step, that the post is owed to
 * whoever hears of posts beyond the page ({@link #claimPosts}): a crash after the write loses
 * no post, and no post is owed twice.
 */
public final class MaintenanceStore {

    /** Unknown fields are ignored, absent ones default: windows written by another release still load. */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** Compare-and-set rounds before a change gives up; only a flood of changes to one window loses that often. */
    private static final int ATTEMPTS = 10;

    /** A window as a change leaves it, and what its timeline gains. */
    public record Change(MaintenanceWindow window, List<MaintenanceEntry> entries) {
        public Change {
            entries = List.copyOf(entries);
        }
    }

    private final RedisMaintenance redis;

    public MaintenanceStore(RedisMaintenance redis) {
        this.redis = redis;
    }

    /** A new window with the next id ({@code MNT-n}): {@code made} builds it and its first entries. */
    public Change create(Function<String, Change> made) {
        String id = "MNT-" + redis.nextNumber();
        Change change = made.apply(id);
        if (!write(0, 0, change)) {
            throw new IllegalStateException(id + " exists already");
        }
        return new Change(change.window().atVersion(1), change.entries());
    }

    /**
     * Changes a window as {@code decide} says from what it reads, again from a fresh read when
     * another write came first.
     *
     * @return the change as written; empty when the window is unknown or {@code decide} wanted no change
     */
    public Optional<Change> change(String id, Function<MaintenanceWindow, Optional<Change>> decide) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<MaintenanceWindow> current = find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<Change> change = decide.apply(current.get());
            if (change.isEmpty()) {
                return Optional.empty();
            }
            if (write(current.get().version(), current.get().posts().size(), change.get())) {
                return Optional.of(new Change(change.get().window().atVersion(current.get().version() + 1),
                        change.get().entries()));
            }
        }
        throw new IllegalStateException(id + " kept changing under " + ATTEMPTS + " attempts");
    }

    private boolean write(long expected, int postsBefore, Change change) {
        MaintenanceWindow window = change.window();
        boolean posts = window.posts().size() > postsBefore;
        MaintenanceWindow.Post post = posts ? window.posts().get(window.posts().size() - 1) : null;
        Instant edge = window.nextEdge();
        Instant ended = window.state().active() ? null : window.posts().isEmpty() ? window.to()
                : window.posts().get(window.posts().size() - 1).at();
        List<String> entries = change.entries().stream().map(MaintenanceStore::json).toList();
        return redis.write(window.id(), expected, json(window), window.state().active(),
                edge == null ? null : edge.toEpochMilli(), ended == null ? null : ended.toEpochMilli(),
                posts ? postId(window.id(), window.posts().size() - 1) : null, posts ? post.at().toEpochMilli() : 0,
                entries);
    }

    /** A post's id: the window's and the post's place among its posts, {@code MNT-3.1}. */
    static String postId(String window, int index) {
        return window + "." + index;
    }

    /** Posts owed to their listeners by {@code now}, each hidden from other instances for {@code lease}. */
    public List<String> claimPosts(Instant now, int max, Duration lease) {
        return redis.claimPosts(now.toEpochMilli(), max, now.plus(lease).toEpochMilli());
    }

    /** The post with this id, and its window as it is now; empty when either is gone. */
    public Optional<Owed> post(String postId) {
        int dot = postId.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        int index;
        try {
            index = Integer.parseInt(postId.substring(dot + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return find(postId.substring(0, dot)).filter(window -> index >= 0 && index < window.posts().size())
                .map(window -> new Owed(postId, window, window.posts().get(index)));
    }

    /** Everyone heard of it: never claimed again. */
    public void told(String postId) {
        redis.postTold(postId);
    }

    /** A post owed to its listeners: its id, its window (as it is now), the post. */
    public record Owed(String id, MaintenanceWindow window, MaintenanceWindow.Post post) {
    }

    public Optional<MaintenanceWindow> find(String id) {
        return redis.read(id).map(MaintenanceStore::window);
    }

    /** The windows scheduled or in progress, soonest first. */
    public List<MaintenanceWindow> active() {
        return redis.read(redis.activeIds()).stream().map(MaintenanceStore::window)
                .sorted(Comparator.comparing(MaintenanceWindow::from)).toList();
    }

    /** Up to {@code max} windows that ended or were called off since {@code since}, newest first. */
    public List<MaintenanceWindow> endedSince(Instant since, int max) {
        return redis.read(redis.endedSince(since.toEpochMilli(), max)).stream().map(MaintenanceStore::window).toList();
    }

    public List<MaintenanceEntry> timeline(String id) {
        List<MaintenanceEntry> entries = new ArrayList<>();
        redis.timeline(id).forEach(text -> entries.add(read(text, MaintenanceEntry.class)));
        return entries;
    }

    /** Records {@code entry} on the window's timeline once per {@code key} (a repeated alert is one entry). */
    public boolean note(String id, String key, MaintenanceEntry entry) {
        return redis.note(id, key, json(entry));
    }

    /** Windows whose edge has come, each hidden from other instances for {@code lease}. */
    public List<String> claimDue(Instant now, int max, Duration lease) {
        return redis.claimDue(now.toEpochMilli(), max, now.plus(lease).toEpochMilli());
    }

    /** Puts a claimed window back at the edge it really has next. */
    public void requeue(String id) {
        Instant edge = find(id).map(MaintenanceWindow::nextEdge).orElse(null);
        redis.due(id, edge == null ? null : edge.toEpochMilli());
    }

    public Optional<Instant> earliestDue() {
        return redis.earliestDue().map(Instant::ofEpochMilli);
    }

    private static MaintenanceWindow window(RedisMaintenance.Stored stored) {
        return read(stored.json(), MaintenanceWindow.class).atVersion(stored.version());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a maintenance record does not serialise", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored maintenance record does not read: " + e.getOriginalMessage(), e);
        }
    }
}
