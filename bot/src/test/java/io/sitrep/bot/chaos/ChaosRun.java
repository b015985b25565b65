package io.sitrep.bot.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;

import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.slack.FakeSlackApi;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisDeliveryQueue;
import io.sitrep.integrations.redis.RedisServers;

/**
 * The chaos run: three Sitrep replicas as processes of their own on Redis Sentinel (a master, two
 * replicas, three sentinels; {@code wait-replicas 1}), with Slack and Discord fakes behind
 * proxies that fail on demand. Writers drive commands through Slack, Discord and the HTTP API
 * while faults from the seed hit everything at once; then the faults stop, the queues drain, and
 * the invariants are checked. The report goes to {@code target/chaos/}; the exit status is 1
 * when an invariant broke.
 *
 * <p>{@code ./mvnw verify} runs 60 s of it after the tests; {@code ./mvnw -Pchaos -pl bot -am verify
 * -Dchaos.seconds=600 -Dchaos.seed=7} runs it alone.
 */
public final class ChaosRun {

    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private ChaosRun() {
    }

    public static void main(String[] args) {
        try {
            System.exit(runAndJudge() ? 0 : 1);
        } catch (Throwable broken) {
            // Whatever failed, the JVM ends (the fakes' threads would keep it up) and takes the
            // replicas and Redis processes with it: their shutdown hooks kill them.
            System.err.println("The chaos run itself failed:");
            broken.printStackTrace();
            System.exit(3);
        }
    }

    private static boolean runAndJudge() throws Exception {
        int seconds = Integer.getInteger("chaos.seconds", 60);
        long seed = Long.getLong("chaos.seed", 20261207L);
        int perPlatform = Integer.getInteger("chaos.incidents", 2);
        Path out = Path.of("target", "chaos");
        quietLogs();
        if (!RedisServers.available()) {
            // As the Sentinel tests do: a machine with only a JDK builds and tests; CI installs redis-server.
            System.out.println("Chaos run skipped: " + RedisServers.MISSING);
            return true;
        }
        watchdog(Duration.ofSeconds(seconds).plus(GIVE_UP_AFTER_LOAD));
        deleteRecursively(out);
        Files.createDirectories(out);
        try (Rig rig = new Rig(seed, out)) {
            return new ChaosRun.Run(rig, seconds, seed, perPlatform, out).run();
        }
    }

    /** However the run went, it ends: set-up, drain and checks get this long after the load. */
    private static final Duration GIVE_UP_AFTER_LOAD = Duration.ofMinutes(15);

    private static void watchdog(Duration limit) {
        Thread watchdog = new Thread(() -> {
            Platforms.pause(limit.toMillis());
            System.err.println("The chaos run did not end within " + limit.toMinutes() + " minutes; stopping it.");
            System.exit(4);
        }, "chaos-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Everything a run starts, closed in reverse. */
    static final class Rig implements AutoCloseable {
        final SentinelGroup redis;
        final FakeSlackApi slack;
        final FakeDiscord discord;
        final FaultProxy slackProxy;
        final FaultProxy discordProxy;
        final Fleet fleet;
        final RedisConnection queueConnection;
        final HealthTarget target;

        Rig(long seed, Path out) throws Exception {
            redis = new SentinelGroup();
            target = new HealthTarget();
            slack = new FakeSlackApi();
            discord = new FakeDiscord();
            slackProxy = new FaultProxy("Slack", slack.baseUrl(), seed + 1,
                    Map.of("body", "{\"ok\":false,\"error\":\"ratelimited\"}"));
            discordProxy = new FaultProxy("Discord", discord.apiUrl(), seed + 2,
                    Map.of("body", "{\"message\":\"You are being rate limited.\",\"retry_after\":{seconds}.0,\"global\":false}",
                            "X-RateLimit-Scope", "user", "Via", "1.1 google"));
            List<Replica> replicas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replicas.add(new Replica(i, FreePorts.next(), FreePorts.next(), out.resolve("replica-" + i + ".log"),
                        arguments(out.resolve("data-" + i))));
            }
            fleet = new Fleet(replicas);
            queueConnection = RedisConnection.openSentinel(SentinelGroup.MASTER, redis.sentinelNodes(),
                    "redis://localhost:6379/0", 0);
        }

        private List<String> arguments(Path dataDir) {
            return List.of("--sitrep.console.enabled=false", "--sitrep.api.token=" + Platforms.API_TOKEN,
                    "--sitrep.data-dir=" + dataDir,
                    "--sitrep.redis.url=redis://localhost:6379/0",
                    "--sitrep.redis.sentinel.master=" + SentinelGroup.MASTER,
                    "--sitrep.redis.sentinel.nodes=" + redis.sentinelNodes(), "--sitrep.redis.wait-replicas=1",
                    "--sitrep.slack.bot-token=xoxb-chaos", "--sitrep.slack.signing-secret=" + Platforms.SLACK_SECRET,
                    "--sitrep.slack.api-url=" + slackProxy.url(slack.apiUrl()),
                    "--sitrep.slack.stakeholder-channel=" + Platforms.SLACK_STAKEHOLDERS,
                    "--sitrep.discord.token=chaos-discord-token", "--sitrep.discord.guild-id=" + FakeDiscord.GUILD_ID,
                    "--sitrep.discord.stakeholder-channel=#status",
                    "--sitrep.discord.api-url=" + discordProxy.url(discord.apiUrl()),
                    "--sitrep.discord.gateway-url=" + discord.gatewayUrl(),
                    "--sitrep.permissions.admins=U0ALICE," + FakeDiscord.userId("alice") + "," + Platforms.API_USER,
                    "--sitrep.delivery.lease=10s", "--sitrep.delivery.max-backoff=5s",
                    "--sitrep.health.interval=1s", "--sitrep.health.probe-timeout=1s",
                    "--sitrep.health.targets[0].name=checkout-probe", "--sitrep.health.targets[0].url=" + target.url(),
                    "--sitrep.health.targets[0].service=checkout",
                    "--sitrep.reminders.cadence=PT20S", "--sitrep.reminders.first-update-within=PT20S",
                    "--sitrep.reminders.escalate-after=PT10S",
                    "--sitrep.alerts.max-new-incidents=" + AlertBudget.PER_MINUTE,
                    "--logging.level.root=WARN", "--logging.level.io.sitrep=INFO");
        }

        @Override
        public void close() throws Exception {
            for (Replica replica : fleet.all()) {
                replica.thaw();
                replica.kill();
            }
            queueConnection.close();
            slackProxy.close();
            discordProxy.close();
            discord.close();
            slack.close();
            target.close();
            redis.close();
        }
    }

    /** One run on a rig: set-up, load under faults, drain, checks, report. */
    static final class Run {
        private final Rig rig;
        private final int seconds;
        private final long seed;
        private final int perPlatform;
        private final Path out;
        private final Ledger ledger = new Ledger();
        private final Platforms platforms;

        Run(Rig rig, int seconds, long seed, int perPlatform, Path out) {
            this.rig = rig;
            this.seconds = seconds;
            this.seed = seed;
            this.perPlatform = perPlatform;
            this.out = out;
            this.platforms = new Platforms(rig.slack, rig.discord, ledger);
        }

        boolean run() throws Exception {
            Hostile hostile = new Hostile(platforms);
            Storms storms = new Storms(platforms);
            Faults faults = new Faults(rig.fleet, rig.redis, rig.slackProxy, rig.discordProxy, hostile, storms,
                    new Buttons(platforms), rig.target, seed);
            long[] skews = new long[rig.fleet.size()];
            for (int i = 0; i < skews.length; i++) {
                skews[i] = faults.skew();
            }
            log("starting 3 replicas on Redis Sentinel (seed " + seed + ", " + seconds + " s of load)");
            rig.fleet.startAll(skews, Duration.ofSeconds(180));
            awaitDiscordSessions(rig.fleet.size());
            List<Writers.Target> targets = declare();
            log("declared " + targets);

            Writers writers = new Writers(rig.fleet, platforms, ledger, seed, 200);
            writers.start(targets);
            // Warm-up: the writers run a while before the faults and the probes' clock start, as a
            // replica in service has run its code paths before a fault finds it.
            Thread.sleep(WARM_UP.toMillis());
            Instant start = Instant.now();
            Prober prober = new Prober(rig.fleet);
            List<Faults.Planned> plan = Faults.plan(seed, seconds, rig.fleet.size());
            faults.run(plan, start, start.plusSeconds(seconds - 5));
            Duration left = Duration.between(Instant.now(), start.plus(Duration.ofSeconds(seconds)));
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            writers.stop();
            log("load over: " + writers.sent() + " commands; waiting for the faults to end");
            faults.awaitRecovered();
            for (Replica replica : rig.fleet.all()) {
                if (!replica.running()) {
                    replica.startUntilReady(faults::skew, 5, Duration.ofSeconds(120));
                }
            }
            Instant lastFault = faults.lastFaultEnded();
            Duration drained = awaitDrained(lastFault);
            prober.close();
            log("drained " + (drained == null ? "NOT within " + DRAIN_WITHIN.toSeconds() + " s" : "in " + drained.toMillis()
                    + " ms after the last fault") + "; checking");

            Checks checks = new Checks(rig, platforms, ledger, faults, plan, storms, prober.samples(), targets, drained,
                    DRAIN_WITHIN, out);
            Invariants invariants = checks.all();
            Report report = new Report(seed, seconds, start, faults, ledger, writers.sent(), rig, invariants, prober.samples());
            report.write(out);
            return invariants.allHeld();
        }

        /** Declares the run's incidents on each platform, before any fault: {@code perPlatform} each. */
        private List<Writers.Target> declare() {
            SplittableRandom random = new SplittableRandom(seed);
            List<String> titles = new ArrayList<>();
            for (String platform : List.of("slack", "discord", "api")) {
                for (int n = 1; n <= perPlatform; n++) {
                    String title = "Chaos " + platform + " " + n;
                    titles.add(title);
                    Replica replica = rig.fleet.pick(random).orElseThrow();
                    Ledger.Command command = ledger.command(null, platform, "declare", replica.index());
                    switch (platform) {
                        case "slack" -> platforms.slack(replica, command, "declare \"" + title + "\"");
                        case "discord" -> platforms.discord(replica.index(), command, FakeDiscord.GENERAL_CHANNEL_ID,
                                "declare", "title", title);
                        default -> platforms.api(replica, command, "declare \"" + title + "\"");
                    }
                    if (!command.acknowledged) {
                        throw new IllegalStateException("could not declare " + title + ": " + command.answer);
                    }
                }
            }
            JsonNode open = platforms.getJson(rig.fleet.get(0), "/api/incidents?limit=100");
            Map<String, String> ids = new LinkedHashMap<>();
            open.forEach(incident -> ids.put(incident.path("title").asText(), incident.path("id").asText()));
            List<Writers.Target> targets = new ArrayList<>();
            for (String title : titles) {
                String id = ids.get(title);
                if (id == null) {
                    throw new IllegalStateException("declared but not listed: " + title + " in " + ids);
                }
                targets.add(new Writers.Target(id, title.split(" ")[1]));
            }
            return targets;
        }

        private void awaitDiscordSessions(int sessions) throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rig.discord.sessions() < sessions && System.nanoTime() < until) {
                Thread.sleep(200);
            }
        }

        /** How long after the last fault every lane was empty; null when they were not within the limit. */
        private Duration awaitDrained(Instant lastFault) throws InterruptedException {
            DeliveryQueue queue = new RedisDeliveryQueue(rig.queueConnection);
            Instant deadline = lastFault.plus(DRAIN_WITHIN);
            while (Instant.now().isBefore(deadline.plusSeconds(120))) {
                try {
                    if (queue.lanesOwed().values().stream().mapToLong(Long::longValue).sum() == 0) {
                        Duration took = Duration.between(lastFault, Instant.now());
                        return took.compareTo(DRAIN_WITHIN) <= 0 ? took : null;
                    }
                } catch (RuntimeException redisAway) {
                    // Still settling after a failover: look again.
                }
                Thread.sleep(200);
            }
            return null;
        }
    }

    static void log(String line) {
        System.out.println("[chaos " + Instant.now() + "] " + line);
    }

    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
