package io.sitrep.bot.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The service the health watch probes: healthy, down (503), or hung — the connection taken and
 * no answer, as the deadlocked node of the incident Sitrep was born from.
 */
final class HealthTarget implements AutoCloseable {

    enum Mode { HEALTHY, DOWN, HUNG }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "health-target");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Mode mode = Mode.HEALTHY;
    private final Object modeChanged = new Object();

    HealthTarget() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/health", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    void mode(Mode next) {
        mode = next;
        synchronized (modeChanged) {
            modeChanged.notifyAll();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            synchronized (modeChanged) {
                long until = System.currentTimeMillis() + 30_000;
                while (mode == Mode.HUNG && System.currentTimeMillis() < until) {
                    try {
                        modeChanged.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            byte[] body = (mode == Mode.HEALTHY ? "ok" : "down").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(mode == Mode.HEALTHY ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException gone) {
            // The prober gave up waiting: as it should.
        }
    }

    @Override
    public void close() {
        mode(Mode.HEALTHY);
        server.stop(0);
        executor.shutdownNow();
    }
}
