package io.sitrep.bot;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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

/**
 * Sitrep as a real process of its own, on this test's class path: for what only a process can
 * show, such as being killed with SIGKILL (no shutdown hook, no finally block, no lease given back).
 * Its output goes to {@code target/processes/<name>.log}.
 */
public final class SitrepProcess {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final int managementPort;

    private SitrepProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * Starts it with {@code args} (on top of: no console, an API token, a free port and another
     * for the probes and metrics) and waits until it is ready.
     */
    public static SitrepProcess start(String name, List<String> args) throws IOException {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SitrepApplication.class.getName(), "--server.port=" + port, "--management.server.port=" + managementPort,
                "--sitrep.console.enabled=false", "--sitrep.api.token=process-token"));
        command.addAll(args);
        Path log = Path.of("target", "processes", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SitrepProcess started = new SitrepProcess(process, port, managementPort);
        started.awaitReady(log);
        return started;
    }

    /** The API's, the webhooks' and the chat platforms' port. */
    public int port() {
        return port;
    }

    /** The probes' ({@code /actuator/health/liveness}, {@code …/readiness}) and the metrics' port. */
    public int managementPort() {
        return managementPort;
    }

    /** SIGKILL, as {@code kill -9}: the process gets no say. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Sitrep exited with " + process.exitValue());
                        }
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException notReady) {
            kill();
            throw new IllegalStateException("Sitrep did not become ready (" + notReady.getMessage() + "):\n"
                    + Files.readString(log), notReady);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
