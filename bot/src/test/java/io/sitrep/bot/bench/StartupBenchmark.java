package io.sitrep.bot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sitrep.bot.RunCommandTest;

/**
 * Start to ready, and memory at idle, of Sitrep as users start it (the embedded Redis, HTTP on
 * localhost): each way several times, alternating, in one run. The README's own command is read
 * from the README (its JVM options, {@code bot/target/sitrep.jar}, the archive the build trained),
 * so what is measured is what a newcomer types; the self-contained jar started plainly is the
 * way it was before. Ready is the first 200 from {@code /actuator/health/readiness} on the
 * management port, timed from the moment the process is started; memory is the process's
 * resident set ({@code VmRSS}) after 10 s of idling; CPU is the process's user and system time
 * up to ready, which a busy machine disturbs less than the wall clock. The embedded Redis is a
 * process of its own and not counted. Processes run from the repository's top, as the README's
 * command does.
 */
public final class StartupBenchmark {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String ARCHIVE = "bot/target/sitrep.jsa";
    private static final Duration IDLE = Duration.ofSeconds(10);

    private record Way(String name, List<String> jvm, String jar) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        Path work = Files.createTempDirectory("sitrep-startup");
        List<String> readme = RunCommandTest.runCommand(ROOT.resolve("README.md"));
        List<String> readmeJvm = readme.subList(1, readme.indexOf("-jar"));
        String readmeJar = readme.get(readme.indexOf("-jar") + 1);
        if (!Files.exists(ROOT.resolve(ARCHIVE))) {
            System.out.println("No " + ARCHIVE + " (built with -Dsitrep.cds.skip=true?): the README's command runs without it");
        }
        List<String> archiveOnly = readmeJvm.stream().filter(o -> o.startsWith("-XX:SharedArchiveFile=")).toList();
        List<Way> ways = List.of(
                new Way("before: java -jar bot/target/sitrep-exec.jar", List.of(), "bot/target/sitrep-exec.jar"),
                new Way("README: java " + String.join(" ", readmeJvm) + " -jar " + readmeJar, readmeJvm, readmeJar),
                new Way("the archive only (C2 as well)", archiveOnly, readmeJar));
        List<List<long[]>> results = new ArrayList<>();
        ways.forEach(w -> results.add(new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (int w = 0; w < ways.size(); w++) {
                results.get(w).add(measure(ways.get(w), work.resolve("data-" + run + "-" + w)));
            }
        }
        System.out.printf(Locale.ROOT, "%nStart to ready and idle memory, %d runs each (%s)%n", runs,
                System.getProperty("java.version"));
        for (int w = 0; w < ways.size(); w++) {
            List<long[]> r = results.get(w);
            System.out.printf(Locale.ROOT, "%s%n    ready median %5d ms (min %d, max %d) · CPU to ready median %5d ms"
                    + " · RSS median %4d MiB%n", ways.get(w).name(), median(r, 0),
                    r.stream().mapToLong(x -> x[0]).min().orElse(0), r.stream().mapToLong(x -> x[0]).max().orElse(0),
                    median(r, 2), median(r, 1) / 1024);
        }
    }

    /** {ms to ready, KiB resident after idling, ms of CPU (user and system) to ready} */
    private static long[] measure(Way way, Path data) throws Exception {
        int port;
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(way.jvm());
        command.addAll(List.of("-jar", way.jar(), "--server.port=" + port,
                "--management.server.port=" + managementPort, "--sitrep.console.enabled=false",
                "--sitrep.data-dir=" + data, "--logging.level.root=WARN"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build();
            // Asked every 20 ms, not every millisecond: the asking must not take the starting JVM's cores.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(() -> answers(http, ready));
            long readyMs = (System.nanoTime() - start) / 1_000_000;
            long cpuMs = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            Thread.sleep(IDLE.toMillis()); // idling is what is measured: wall-clock time on purpose
            return new long[] {readyMs, rssKiB(process.pid()), cpuMs};
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static boolean answers(HttpClient http, HttpRequest ready) {
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long median(List<long[]> results, int index) {
        List<Long> sorted = results.stream().map(r -> r[index]).sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
