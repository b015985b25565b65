package io.sitrep.integrations.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** Real local servers that behave like sick targets: hung, refusing, failing, slow, or well. */
final class ProbeServers implements AutoCloseable {

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    /** Accepts connections and never writes a byte: a deadlocked process. */
    String hanging() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            open.add(server);
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        open.add(socket); // held open, never answered
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "hanging-server");
            acceptor.setDaemon(true);
            acceptor.start();
            return "http://127.0.0.1:" + server.getLocalPort() + "/health";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on. */
    String refusing() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + probe.getLocalPort() + "/health";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code status} after {@code delayMillis}. */
    String answering(int status, long delayMillis) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            open.add(() -> server.stop(0));
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }
}
