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

    private static EmbeddedRedis server;
    private static RedisConnection connection;

    private TestRedis() {
    }

    public static synchronized EmbeddedRedis server() {
        if (server == null) {
            server = EmbeddedRedis.start(tempDir("sitrep-test-redis"));
            connection = RedisConnection.open(server.url());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                server.close();
            }));
        }
        return server;
    }

    /** The shared connection, with every key deleted. */
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
