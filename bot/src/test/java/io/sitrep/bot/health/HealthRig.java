package io.sitrep.bot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.bot.command.MutableClock;
import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.config.HealthSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisHealthBoard;
import io.sitrep.integrations.redis.RedisIncidentLinks;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisLeaderLease;
import io.sitrep.integrations.redis.TestRedis;

/**
 * The health watch wired as the application wires it — shared board and lease in a real Redis,
 * the lifecycle's resolve guard reading the board, the real dispatcher — on a clock the test
 * moves. {@link #replica()} builds another replica's watch on the same Redis.
 */
public final class HealthRig implements AutoCloseable {

    public static final ChannelRef OPS = new ChannelRef("console", "ops");

    public final MutableClock clock;
    public final HealthSettings settings;
    public final RedisConnection redis = TestRedis.flushed();
    public final RedisIncidentStore store = new RedisIncidentStore(redis);
    public final RedisHealthBoard board = new RedisHealthBoard(redis);
    public final SharedHealth health;
    public final SpringStatemachineLifecycle lifecycle;
    public final IncidentWriter writer;
    public final UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
    public final List<DeliveryMessage> posted = new CopyOnWriteArrayList<>();
    public final Notices notices = new Notices(delivery -> posted.addAll(delivery.messages()));
    public final HealthRecorder recorder;
    public final HealthWatch watch;
    public final CommandDispatcher dispatcher;
    private final List<HealthSource> sources;

    public HealthRig(List<HealthSource> sources, HealthSettings settings, MutableClock clock) {
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.clock = clock;
        this.health = new SharedHealth(board, settings, clock, sources.stream().map(HealthSource::name).toList());
        this.lifecycle = new SpringStatemachineLifecycle(health);
        this.writer = new IncidentWriter(store, lifecycle);
        this.recorder = new HealthRecorder(store, writer, notices, new TriageDeclarer(writer, lifecycle, schedule, notices),
                new RedisIncidentLinks(redis), settings.autoDeclare());
        this.watch = replica();
        this.dispatcher = new CommandDispatcher(new CommandContext(store, writer, lifecycle, schedule, clock,
                "stakeholders"), EveryCommand.standard().health(health).sets());
    }

    /** A watch as another replica on the same Redis runs it: its own holder id, the same lease and board. */
    public HealthWatch replica() {
        return new HealthWatch(sources, settings, clock, board, new RedisLeaderLease(redis), recorder);
    }

    /** Moves the clock on by {@code by}, one interval at a time, polling as the running watch would. */
    public void passPolling(Duration by) {
        Duration left = by;
        while (left.compareTo(settings.interval()) >= 0) {
            clock.advance(settings.interval());
            watch.pollOnce();
            left = left.minus(settings.interval());
        }
        clock.advance(left);
    }

    public CommandOutcome handle(String text) {
        return handleAs("alice", text);
    }

    public CommandOutcome handleAs(String user, String text) {
        return dispatcher.handle(new ChatCommand(text, new Actor(user), OPS));
    }

    public void run(String text) {
        CommandOutcome outcome = handle(text);
        assertThat(outcome.ok()).as(outcome.error().orElse("")).isTrue();
    }

    public List<TimelineEntry> entries(long incident, TimelineKind kind) {
        return store.timeline(new IncidentId(incident)).stream().filter(e -> e.kind() == kind).toList();
    }

    @Override
    public void close() {
        watch.close();
    }
}
