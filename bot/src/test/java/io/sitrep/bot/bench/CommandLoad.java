package io.sitrep.bot.bench;

import io.sitrep.bot.EveryCommand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.sitrep.bot.command.CommandContext;
import io.sitrep.bot.command.CommandDispatcher;
import io.sitrep.config.PermissionSettings;
import io.sitrep.config.ReminderSettings;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.ReminderIndexer;
import io.sitrep.incident.ReminderPlan;
import io.sitrep.incident.UpdateSchedule;
import io.sitrep.incident.lifecycle.IncidentLifecycle;
import io.sitrep.incident.lifecycle.SpringStatemachineLifecycle;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisReminderQueue;

/**
 * Lifecycle commands through the real dispatcher, one client thread per incident, each walking
 * its incident round identified → monitoring → update → reopen → note, again and again. As in a
 * real incident, each command is typed by someone allowed to: the commander, comms or an admin,
 * each known by a platform id, so every command's permission is checked.
 */
final class CommandLoad {

    /** Who types each step of the cycle, and what. */
    private static final String[][] CYCLE = {
        {Cast.COMMANDER, "identified \"cache deadlock\""}, {Cast.COMMS, "monitoring \"restarted the component\""},
        {Cast.COMMS, "update \"watching error rates\""}, {Cast.ADMIN, "reopen \"errors are back\""},
        {Cast.COMMANDER, "note \"thread dump captured\""}
    };

    /** The people of incident {@code n}: its commander and comms, and an admin of every incident. */
    private static final class Cast {
        static final String COMMANDER = "commander";
        static final String COMMS = "comms";
        static final String ADMIN = "admin";
        static final String ADMIN_ID = "U0ADMIN";

        static Actor of(String role, int n) {
            return role.equals(ADMIN) ? new Actor("admin", ADMIN_ID)
                    : new Actor(role + "-" + n, "U0" + role.toUpperCase(java.util.Locale.ROOT) + n);
        }
    }

    private CommandLoad() {
    }

    /**
     * The dispatcher as the application wires it on {@code connection}: every write keeps the
     * reminder queue in step, in the change's own script where one server holds every key.
     */
    static CommandDispatcher dispatcher(RedisConnection connection, Path dataDir) {
        RedisIncidentStore store = new RedisIncidentStore(connection);
        IncidentLifecycle lifecycle = new SpringStatemachineLifecycle();
        UpdateSchedule schedule = new UpdateSchedule(ReminderSettings.defaults());
        ReminderIndexer reminders = new ReminderIndexer(new ReminderPlan(schedule,
                ReminderSettings.defaults().escalateAfter()), new RedisReminderQueue(connection), store);
        return new CommandDispatcher(new CommandContext(store, new IncidentWriter(store, lifecycle, reminders), lifecycle,
                schedule, Clock.systemUTC(), "stakeholders"),
                EveryCommand.standard().exports(dataDir.resolve("exports")).sets(), CommandDispatcher.CommandObserver.NONE, delivery -> { },
                new PermissionSettings(List.of(Cast.ADMIN_ID)));
    }

    /** Declares {@code count} incidents, each by its own commander; returns their ids. */
    static List<String> declare(CommandDispatcher dispatcher, int count) {
        List<String> incidents = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            incidents.add(run(dispatcher, Cast.of(Cast.COMMANDER, t),
                    "declare \"bench incident " + t + "\" --sev 2 --service bench").incident().orElseThrow());
        }
        return incidents;
    }

    /** Each incident's commander makes its comms person comms. */
    static void staff(CommandDispatcher dispatcher, List<String> incidents) {
        for (int t = 0; t < incidents.size(); t++) {
            run(dispatcher, Cast.of(Cast.COMMANDER, t), "assign " + incidents.get(t) + " comms <@"
                    + Cast.of(Cast.COMMS, t).id() + ">");
        }
    }

    static CommandOutcome run(CommandDispatcher dispatcher, Actor actor, String text) {
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, actor, new ChannelRef("bench", "bench")));
        if (!outcome.ok()) {
            throw new IllegalStateException(text + ": " + outcome.error().orElse("?"));
        }
        return outcome;
    }

    record Result(long commands, long failures, long[] latenciesNanos, long roundTrips) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, index))] / 1_000_000.0;
        }

        double tripsPerCommand() {
            return commands == 0 ? 0 : roundTrips / (double) commands;
        }
    }

    /** Drives each incident round the cycle; {@code steps} keeps each one's place between runs. */
    static Result drive(CommandDispatcher dispatcher, List<String> incidents, int[] steps, int seconds,
                         RedisConnection connection) throws InterruptedException {
        AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            String incident = incidents.get(i);
            int slot = i;
            long[] latencies = new long[4_000_000];
            int[] count = new int[1];
            perThread.add(latencies);
            counts.add(count);
            Thread worker = new Thread(() -> {
                ChannelRef channel = new ChannelRef("bench", "bench");
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (System.nanoTime() < deadline.get() && count[0] < latencies.length) {
                    String[] step = CYCLE[steps[slot]++ % CYCLE.length];
                    Actor actor = Cast.of(step[0], slot);
                    String parts = step[1];
                    String word = parts.substring(0, parts.indexOf(' '));
                    String text = word + " " + incident + parts.substring(parts.indexOf(' '));
                    long began = System.nanoTime();
                    CommandOutcome outcome = dispatcher.handle(new ChatCommand(text, actor, channel));
                    latencies[count[0]++] = System.nanoTime() - began;
                    if (!outcome.ok() && failures.incrementAndGet() <= 3) {
                        System.err.println("failed: " + text + " -> " + outcome.error().orElse("?"));
                    }
                }
            }, "bench-" + incident);
            workers.add(worker);
            worker.start();
        }
        long tripsBefore = connection.counter().roundTrips();
        deadline.set(System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long trips = connection.counter().roundTrips() - tripsBefore;
        int total = counts.stream().mapToInt(c -> c[0]).sum();
        long[] all = new long[total];
        int offset = 0;
        for (int i = 0; i < perThread.size(); i++) {
            System.arraycopy(perThread.get(i), 0, all, offset, counts.get(i)[0]);
            offset += counts.get(i)[0];
        }
        Arrays.sort(all);
        return new Result(total, failures.get(), all, trips);
    }
}
