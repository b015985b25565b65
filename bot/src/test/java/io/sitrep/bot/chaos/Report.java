package io.sitrep.bot.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** {@code target/chaos/report.json} and {@code report.txt}: faults by kind, commands, posts, invariants. */
final class Report {

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();

    Report(long seed, int seconds, Instant start, Faults faults, Ledger ledger, long commandsSent, ChaosRun.Rig rig,
           Invariants invariants, List<Prober.Sample> probes) {
        List<Ledger.Command> commands = ledger.commands();
        Map<String, Long> byVia = new TreeMap<>();
        Map<String, Long> acknowledgedByVia = new TreeMap<>();
        for (Ledger.Command command : commands) {
            byVia.merge(command.via, 1L, Long::sum);
            if (command.acknowledged) {
                acknowledgedByVia.merge(command.via, 1L, Long::sum);
            }
        }
        json.put("seed", seed);
        json.put("seconds", seconds);
        json.put("startedAt", start);
        json.put("replicas", rig.fleet.size());
        json.put("faults", faults.counts());
        json.put("faultLog", faults.injected());
        json.put("commands", Map.of("sent", byVia, "acknowledged", acknowledgedByVia));
        json.put("slackProxy", rig.slackProxy.counts());
        json.put("discordProxy", rig.discordProxy.counts());
        json.put("probes", probes.size());
        json.put("invariants", invariants.results().stream().map(Invariants::asMap).toList());
        json.put("held", invariants.allHeld());

        text.append(String.format(Locale.ROOT, "Chaos run: seed %d, %d s of load, %d replicas on Redis Sentinel%n%n",
                seed, seconds, rig.fleet.size()));
        text.append("| fault or event | injected |\n|---|---|\n");
        faults.counts().forEach((kind, count) -> text.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
        text.append(String.format(Locale.ROOT, "%n| via | commands | acknowledged |%n|---|---|---|%n"));
        byVia.forEach((via, count) -> text.append("| ").append(via).append(" | ").append(count).append(" | ")
                .append(acknowledgedByVia.getOrDefault(via, 0L)).append(" |\n"));
        text.append(String.format(Locale.ROOT, "%nSlack API calls through the fault proxy: %s%nDiscord API calls: %s%n%n",
                rig.slackProxy.counts(), rig.discordProxy.counts()));
        text.append("| invariant | checked | broken | result |\n|---|---|---|---|\n");
        for (Invariants.Result result : invariants.results()) {
            text.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s |%n", result.name(), result.checked(),
                    result.broken(), result.held() ? "held" : "BROKEN"));
        }
        text.append('\n');
        for (Invariants.Result result : invariants.results()) {
            if (!result.note().isEmpty()) {
                text.append(result.name()).append(": ").append(result.note()).append('\n');
            }
            result.examples().forEach(example -> text.append("    ").append(example).append('\n'));
        }
        text.append('\n').append(invariants.allHeld() ? "Every invariant held." : "AN INVARIANT BROKE.").append('\n');
    }

    void write(Path out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(out.resolve("report.json"), mapper.writeValueAsString(json));
        Files.writeString(out.resolve("report.txt"), text);
        System.out.println();
        System.out.print(text);
    }
}
