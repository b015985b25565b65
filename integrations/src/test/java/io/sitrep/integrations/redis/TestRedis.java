package io.sitrep.integrations.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real embedded Redis per test JVM, on a free port with its data in a temporary directory,
 * shared by every test that needs a Redis. Tests start from {@link #flushed()}.
 */
public final class TestRedis {

    /**
     * Fixtures built without Spring use their own database: a Spring test context stays alive
     * for the rest of the run, and its reminder scheduler and health watch must not claim a
     * fixture's reminders or lease. Each app test context picks a database of its own the same way.
     */
    private static final int FIXTURE_DATABASE = 1;
    private static EmbeddedRedis server;
    private static RedisConnection connection;

    private TestRedis() {
    }

    public static synchronized EmbeddedRedis server() {
        if (server == null) {
            server = EmbeddedRedis.start(tempDir("sitrep-test-redis"));
            connection = RedisConnection.open(server.url() + "/" + FIXTURE_DATABASE);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                server.close();
            }));
        }
        return server;
    }

    /** The fixtures' connection, with every key of every database deleted. */
    public static synchronized RedisConnection flushed() {
        server();
        connection.jedis().flushAll();
        return connection;
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
