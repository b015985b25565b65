package io.sitrep.bot.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

/**
 * A real local health endpoint that answers 204 at once, or — after {@link #hang()} — accepts
 * each request and never answers until {@link #recover()}: the deadlocked node.
 */
public final class HangingTarget implements AutoCloseable {

    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
    private final HttpServer server;

    public HangingTarget() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try {
                gate.get().await(); // accepted, and held while hung
            } catch (InterruptedException e) {
                return;
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    public void hang() {
        gate.set(new CountDownLatch(1));
    }

    /** Answers again, the requests held meanwhile too. */
    public void recover() {
        gate.getAndSet(new CountDownLatch(0)).countDown();
    }

    @Override
    public void close() {
        recover();
        server.stop(0);
    }
}
