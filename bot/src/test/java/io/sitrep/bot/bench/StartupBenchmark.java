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

/**
 * Start to ready, and memory at idle, of the runnable jar as users run it (the embedded Redis,
 * HTTP on localhost): each way of starting it several times, alternating, in one run. Ready is
 * the first 200 from {@code /actuator/health/readiness} on the management port, timed from the
 * moment the process is started; memory is the process's resident set ({@code VmRSS}) after 10 s
 * of idling. The embedded Redis is a process of its own and not counted.
 */
public final class StartupBenchmark {

    private static final Path JAR = Path.of("target", "sitrep.jar");
    private static final Duration IDLE = Duration.ofSeconds(10);

    private record Way(String name, List<String> jvm, Path jar) {
    }

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        Path work = Files.createTempDirectory("sitrep-startup");
        Path extracted = cdsArchive(work);
        List<Way> ways = List.of(
                new Way("plain java -jar", List.of(), JAR),
                new Way("extracted jar + CDS archive", List.of("-XX:SharedArchiveFile=" + work.resolve("sitrep.jsa")),
                        extracted),
                new Way("CDS + SerialGC + 64 MiB young", List.of("-XX:SharedArchiveFile=" + work.resolve("sitrep.jsa"),
                        "-XX:+UseSerialGC", "-Xmn64m"), extracted));
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
            System.out.printf(Locale.ROOT, "%-32s ready median %5d ms (min %d, max %d) · RSS median %4d MiB%n",
                    ways.get(w).name(), median(r, 0), r.stream().mapToLong(x -> x[0]).min().orElse(0),
                    r.stream().mapToLong(x -> x[0]).max().orElse(0), median(r, 1) / 1024);
        }
    }

    /** Spring Boot's own way to a CDS archive: extract the jar, run it once to the refreshed context. */
    private static Path cdsArchive(Path work) throws IOException, InterruptedException {
        Path dir = work.resolve("extracted");
        run(List.of(java(), "-Djarmode=tools", "-jar", JAR.toString(), "extract", "--destination", dir.toString()));
        Path jar = dir.resolve("sitrep.jar");
        run(List.of(java(), "-XX:ArchiveClassesAtExit=" + work.resolve("sitrep.jsa"), "-Dspring.context.exit=onRefresh",
                "-jar", jar.toString(), "--sitrep.console.enabled=false", "--server.port=0",
                "--sitrep.data-dir=" + work.resolve("training")));
        return jar;
    }

    /** {ms to ready, KiB resident after idling} */
    private static long[] measure(Way way, Path data) throws Exception {
        int port;
        int managementPort;
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(way.jvm());
        command.addAll(List.of("-jar", way.jar().toString(), "--server.port=" + port,
                "--management.server.port=" + managementPort, "--sitrep.console.enabled=false",
                "--sitrep.data-dir=" + data, "--logging.level.root=WARN"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
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
            Thread.sleep(IDLE.toMillis()); // idling is what is measured: wall-clock time on purpose
            return new long[] {readyMs, rssKiB(process.pid())};
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

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
