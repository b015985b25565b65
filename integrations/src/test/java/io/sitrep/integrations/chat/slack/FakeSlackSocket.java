package io.sitrep.integrations.chat.slack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local stand-in for Slack's Socket Mode endpoint: says hello to the app that connects, sends
 * it envelopes, and records what the app sends back (its acknowledgements).
 */
public final class FakeSlackSocket extends WebSocketServer {

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile WebSocket app;

    public FakeSlackSocket() {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What {@code apps.connections.open} hands out. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link";
    }

    public boolean connected() {
        return app != null && app.isOpen();
    }

    /** Sends one envelope to the connected app. */
    public void sendToApp(String envelope) {
        app.send(envelope);
    }

    /** Everything the app sent, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        app = connection;
        connection.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0APP\"},"
                + "\"debug_info\":{\"host\":\"fake\"}}");
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(message);
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        // The app reconnects on its own; nothing to do.
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
        // Surfaces in the test as a missing acknowledgement.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    public void close() throws InterruptedException {
        stop(1000);
    }
}
