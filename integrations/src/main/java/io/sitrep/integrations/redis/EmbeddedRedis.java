package io.sitrep.integrations.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} started as a child process, on loopback and a free port, with
 * append-only persistence in a data directory: what Sitrep runs on when no Redis URL is set,
 * and what the tests run on.
 *
 * <p>One data directory, one Redis: two servers writing one append-only file is how data is
 * lost. The directory is locked ({@code sitrep.lock}) for as long as this runs, so a second
 * Sitrep on it is refused with a sentence; and the server writes its pid ({@code redis.pid}),
 * so one left running by a Sitrep that was killed (kill -9 skips every shutdown hook) is found
 * and stopped — gracefully, its file flushed — before a new one starts.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);
    static final String PID_FILE = "redis.pid";
    private static final String LOCK_FILE = "sitrep.lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Path dataDir;
    private final int port;
    private RedisServer server;
    private FileChannel lockChannel;

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
        redis.lockDataDir();
        try {
            redis.stopLeftover();
            redis.startServer();
        } catch (RuntimeException e) {
            redis.unlock();
            throw e;
        }
        return redis;
    }

    private void lockDataDir() {
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                lockChannel = null;
                throw new DataDirectoryInUseException("Another Sitrep is already running on the data directory "
                        + dataDir + " with its embedded Redis. Stop that one, or give this one its own sitrep.data-dir.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the data directory " + dataDir, e);
        }
    }

    /** A redis-server a killed Sitrep left on this directory: stopped (SIGTERM flushes the file) before ours starts. */
    private void stopLeftover() {
        Path pidFile = dataDir.resolve(PID_FILE);
        Optional<ProcessHandle> leftover = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive).filter(EmbeddedRedis::isRedis);
        if (leftover.isPresent()) {
            ProcessHandle process = leftover.get();
            log.warn("A redis-server (pid {}) left running on {} by a Sitrep that did not shut down is being "
                    + "stopped before a new one starts", process.pid(), dataDir);
            process.destroy();
            try {
                process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("redis-server pid {} did not stop within {} s; killing it", process.pid(), STOP_WAIT.toSeconds());
                process.destroyForcibly();
                process.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the redis-server left on " + dataDir, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not stop the redis-server left on " + dataDir, e);
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data directory is locked by another running Sitrep. */
    public static final class DataDirectoryInUseException extends IllegalStateException {
        DataDirectoryInUseException(String message) {
            super(message);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A pid may have been reused by something else since: only a redis-server is stopped. */
    private static boolean isRedis(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.command().map(c -> c.contains("redis")).orElse(false)
                || info.commandLine().map(c -> c.contains("redis-server")).orElse(false);
    }

    private void unlock() {
        if (lockChannel != null) {
            try {
                lockChannel.close(); // releases the lock
            } catch (IOException e) {
                log.warn("Could not release the lock on {}: {}", dataDir, e.getMessage());
            }
            lockChannel = null;
        }
    }

    private void startServer() {
        try {
            Files.createDirectories(dataDir);
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDir)
                    .setting("pidfile " + dataDir.resolve(PID_FILE))
                    .setting("appendonly yes")
                    // An acknowledged command is on disk before Sitrep answers the user.
                    .setting("appendfsync always")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    // Twice Redis' 16: the test suite keeps one database per long-lived application.
                    .setting("databases 32")
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
        } finally {
            unlock();
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
