package io.sitrep.integrations.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} started as a child process, on loopback and a free port, with
 * append-only persistence in a data directory: what Sitrep runs on when no Redis URL is set,
 * and what the tests run on.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

    private final Path dataDir;
    private final int port;
    private RedisServer server;

    private EmbeddedRedis(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a server that keeps its append-only file in {@code dataDir}. */
    public static EmbeddedRedis start(Path dataDir) {
        return start(dataDir, freePort());
    }

    /** Starts on a given port, e.g. to restart a server where its clients expect it. */
    public static EmbeddedRedis start(Path dataDir, int port) {
        EmbeddedRedis redis = new EmbeddedRedis(dataDir.toAbsolutePath().normalize(), port);
        redis.startServer();
        return redis;
    }

    private void startServer() {
        try {
            Files.createDirectories(dataDir);
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDir)
                    .setting("appendonly yes")
                    // An acknowledged command is on disk before Sitrep answers the user.
                    .setting("appendfsync always")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            log.info("Embedded Redis on 127.0.0.1:{}, append-only file in {}", port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded Redis in " + dataDir, e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
