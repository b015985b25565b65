package io.sitrep.bot.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Sitrep replica as a process of its own, which the run kills with SIGKILL, freezes with
 * SIGSTOP and starts again on the same ports with the same data directory. Every start appends
 * to {@code replica-<n>.log}, so the log tells the replica's whole run.
 */
final class Replica {

    enum State { STARTING, RUNNING, FROZEN, DEAD }

    private final int index;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final List<String> arguments;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile Process process;
    private volatile State state = State.DEAD;
    private volatile long skewMillis;
    private volatile Instant since = Instant.now();
    private int starts;

    Replica(int index, int port, int managementPort, Path log, List<String> arguments) {
        this.index = index;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.arguments = List.copyOf(arguments);
        // A run that ends any way at all leaves no replica behind, frozen or not (SIGKILL ends both).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process current = process;
            if (current != null) {
                current.destroyForcibly();
            }
        }));
    }

    int index() {
        return index;
    }

    int port() {
        return port;
    }

    State state() {
        return state;
    }

    /** Since when the replica has been in its state. */
    Instant since() {
        return since;
    }

    long skewMillis() {
        return skewMillis;
    }

    int starts() {
        return starts;
    }

    long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Where Kubernetes would probe it, on the management port: {@code liveness} or {@code readiness}. */
    String probeUrl(String probe) {
        return "http://127.0.0.1:" + managementPort + "/actuator/health/" + probe;
    }

    /** Starts the process, its clock {@code skewMillis} off this machine's; returns without waiting for it. */
    synchronized void start(long skew) {
        if (state != State.DEAD) {
            throw new IllegalStateException("replica " + index + " is " + state);
        }
        this.skewMillis = skew;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dchaos.skew-ms=" + skew,
                "-cp", System.getProperty("java.class.path"), SkewedSitrep.class.getName(), "--server.port=" + port,
                "--management.server.port=" + managementPort));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== start " + (++starts) + " at " + Instant.now() + ", clock skew " + skew + " ms\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        enter(State.STARTING);
    }

    /**
     * Until readiness says UP (then RUNNING), or false after {@code within}. A process that exited
     * meanwhile (a start-up refused because Redis was failing over, say) is DEAD.
     */
    boolean awaitReady(Duration within) {
        Instant until = Instant.now().plus(within);
        while (Instant.now().isBefore(until)) {
            Process current = process;
            if (current == null || !current.isAlive()) {
                synchronized (this) {
                    if (process == current) {
                        process = null;
                        enter(State.DEAD);
                    }
                }
                return false;
            }
            if (ready()) {
                synchronized (this) {
                    if (state == State.STARTING) {
                        enter(State.RUNNING);
                    }
                }
                return true;
            }
            pause(200);
        }
        return false;
    }

    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(probeUrl("readiness")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no lease given back. */
    synchronized void kill() {
        enter(State.DEAD); // before the signal: a request in flight now is not one a running replica failed
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            try {
                current.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process = null;
        enter(State.DEAD);
    }

    /** SIGSTOP: the process keeps its sockets and answers nothing, as a replica stuck in a long pause. */
    synchronized void freeze() {
        if (state == State.RUNNING || state == State.STARTING) {
            enter(State.FROZEN); // before the signal, as for a kill
            signal("STOP");
        }
    }

    /** SIGCONT after {@link #freeze()}. */
    synchronized void thaw() {
        if (state == State.FROZEN) {
            signal("CONT");
            enter(State.RUNNING);
        }
    }

    /** Is the process alive and answering (not frozen, not starting)? */
    boolean running() {
        return state == State.RUNNING;
    }

    private void enter(State next) {
        state = next;
        since = Instant.now();
    }

    private void signal(String signal) {
        Process current = process;
        if (current == null) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts it and waits until it is ready, starting it again when it exits first, as an
     * orchestrator restarts a container whose start failed: up to {@code tries} starts.
     */
    boolean startUntilReady(java.util.function.LongSupplier skews, int tries, Duration each) {
        for (int attempt = 1; attempt <= tries; attempt++) {
            if (state == State.DEAD) {
                start(skews.getAsLong());
            }
            if (awaitReady(each)) {
                return true;
            }
            pause(2_000);
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "replica " + index + " (:" + port + ", management :" + managementPort + ")";
    }
}
