package io.sitrep.bot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.chat.discord.FakeDiscord;
import io.sitrep.integrations.chat.discord.FakeDiscord.Call;
import io.sitrep.integrations.chat.discord.FakeDiscord.Interaction;
import io.sitrep.integrations.redis.EmbeddedRedis;

/**
 * Interaction to deferred acknowledgement on Discord: the time from the fake gateway sending
 * {@code INTERACTION_CREATE} for {@code /incident status} to the fake REST server receiving
 * the deferral callback, in bursts of {@code bench.clients} interactions sent at once. Sitrep
 * (the whole app, commands really running after each deferral) against a bare JDA bot whose
 * listener only defers, each on its own fake Discord, alternating bursts in the same run.
 *
 * <p>Run with {@code ./mvnw -q -Pbench -DskipTests -pl bot -am verify -Dbench.skip.commands=true
 * -Dbench.skip.slack=true -Dbench.skip.reminders=true -Dbench.skip.export=true -Dbench.skip.health=true};
 * arguments (system properties): {@code bench.clients} (50), {@code bench.bursts} (200 per side),
 * {@code bench.warmup.bursts} (50 per side).
 */
public final class DiscordAckBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 50);
        int bursts = Integer.getInteger("bench.bursts", 200);
        int warmupBursts = Integer.getInteger("bench.warmup.bursts", 50);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path dataDir = Files.createTempDirectory("sitrep-discord-bench");
        try (FakeDiscord sitrepDiscord = new FakeDiscord();
             FakeDiscord bareDiscord = new FakeDiscord();
             EmbeddedRedis redis = EmbeddedRedis.start(dataDir);
             ConfigurableApplicationContext sitrep = new SpringApplicationBuilder(SitrepApplication.class)
                     .properties("server.port=0", "sitrep.console.enabled=false", "sitrep.api.token=bench-token",
                             "sitrep.data-dir=" + dataDir, "sitrep.redis.url=" + redis.url(),
                             "sitrep.discord.token=bench-token", "sitrep.discord.guild-id=" + FakeDiscord.GUILD_ID,
                             "sitrep.discord.api-url=" + sitrepDiscord.apiUrl(),
                             "sitrep.discord.gateway-url=" + sitrepDiscord.gatewayUrl(),
                             "sitrep.discord.stakeholder-channel=status", "logging.level.root=WARN")
                     .run()) {
            JDA bare = bareBot(bareDiscord);
            BenchWait.until(sitrepDiscord::commandsRegistered, Duration.ofSeconds(30));
            Interaction declare = sitrepDiscord.slash("alice", FakeDiscord.GENERAL_CHANNEL_ID, null, "declare",
                    "title", "Benchmark incident");
            BenchWait.until(() -> !sitrepDiscord.replies(declare.token()).isEmpty(), Duration.ofSeconds(10));

            Side sitrepSide = new Side("Sitrep", sitrepDiscord, true);
            Side bareSide = new Side("bare JDA listener", bareDiscord, false);
            for (int i = 0; i < warmupBursts; i++) {
                bareSide.burst(clients, false);
                sitrepSide.burst(clients, false);
            }
            for (int i = 0; i < bursts; i++) {
                bareSide.burst(clients, true);
                sitrepSide.burst(clients, true);
            }
            ThreadPoolExecutor commands = (ThreadPoolExecutor) sitrep.getBean("discordCommandExecutor", ExecutorService.class);
            BenchWait.until(() -> commands.getActiveCount() == 0 && commands.getQueue().isEmpty(), Duration.ofSeconds(30));
            bare.shutdownNow();

            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%nDiscord: interaction to deferred acknowledgement of /incident status (%d cores)%n",
                    cores);
            System.out.printf(Locale.ROOT, "Bursts of %d interactions sent at once, %d bursts per side, alternating; "
                    + "the next burst once the last one is acknowledged (and, for Sitrep, answered)%n%n", clients, bursts);
            System.out.println("| side | acks | p50 | p99 | max |");
            System.out.println("|---|---|---|---|---|");
            for (Side side : List.of(bareSide, sitrepSide)) {
                System.out.printf(Locale.ROOT, "| %s | %d | %.2f ms | %.2f ms | %.2f ms |%n", side.name, side.size,
                        side.percentile(50), side.percentile(99), side.percentile(100));
            }
            System.out.printf(Locale.ROOT, "Sitrep p99 %.2f ms (target < 100 ms); %.2f× the bare listener's%n",
                    sitrepSide.percentile(99), sitrepSide.percentile(99) / bareSide.percentile(99));
        }
    }

    /** The least a JDA bot can do: defer every slash command, nothing else. */
    private static JDA bareBot(FakeDiscord discord) throws InterruptedException {
        String gateway = discord.gatewayUrl();
        return JDABuilder.createLight("bare-token", EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.apiUrl()))
                .setCompression(Compression.NONE)
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .addEventListeners(new ListenerAdapter() {
                    @Override
                    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                        event.deferReply(true).queue();
                    }
                })
                .build().awaitReady();
    }

    /** One bot, its fake Discord, and the latencies measured against it. */
    private static final class Side {
        final String name;
        final FakeDiscord discord;
        final boolean answers;
        long[] nanos = new long[1 << 15];
        int size;

        Side(String name, FakeDiscord discord, boolean answers) {
            this.name = name;
            this.discord = discord;
            this.answers = answers;
        }

        /** {@code clients} interactions sent back to back on the gateway, then each one's deferral awaited. */
        void burst(int clients, boolean record) {
            List<Interaction> sent = new ArrayList<>(clients);
            for (int i = 0; i < clients; i++) {
                sent.add(discord.slash("alice", FakeDiscord.GENERAL_CHANNEL_ID, null, "status", "incident", "INC-1"));
            }
            for (Interaction interaction : sent) {
                BenchWait.until(() -> !discord.callbacks(interaction.id()).isEmpty(), Duration.ofSeconds(10));
                if (answers) {
                    BenchWait.until(() -> !discord.replies(interaction.token()).isEmpty(), Duration.ofSeconds(10));
                }
                if (record) {
                    Call callback = discord.callbacks(interaction.id()).get(0);
                    if (size == nanos.length) {
                        nanos = Arrays.copyOf(nanos, size * 2);
                    }
                    nanos[size++] = callback.nanos() - interaction.sentNanos();
                }
            }
            discord.forgetCalls(); // keeps each check's scan short; the incident's channel stays
        }

        double percentile(double p) {
            long[] sorted = Arrays.copyOf(nanos, size);
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
