package io.sitrep.integrations.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import redis.embedded.RedisServer;

/** One data directory, one Redis: a leftover from a killed run is stopped, a second Sitrep refused. */
@Timeout(60)
class EmbeddedRedisTest {

    @Test
    void aRedisLeftRunningByAKilledRunIsStoppedAndItsDataKept() throws Exception {
        Path data = TestRedis.tempDir("leftover-redis");
        int port = freePort();
        // What a Sitrep killed with -9 leaves behind: its redis-server, still running on the data directory.
        RedisServer leftover = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("dir " + data).setting("pidfile " + data.resolve(EmbeddedRedis.PID_FILE))
                .setting("appendonly yes").setting("appendfsync always").setting("save \"\"").build();
        leftover.start();
        try (RedisConnection old = RedisConnection.open("redis://127.0.0.1:" + port)) {
            old.jedis().set("sitrep:incident-seq", "41");
        }
        long leftoverPid = Long.parseLong(Files.readString(data.resolve(EmbeddedRedis.PID_FILE)).strip());
        assertThat(ProcessHandle.of(leftoverPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedRedis fresh = EmbeddedRedis.start(data);
             RedisConnection connection = RedisConnection.open(fresh.url())) {
            assertThat(ProcessHandle.of(leftoverPid).map(ProcessHandle::isAlive)).as("the leftover is stopped")
                    .isIn(java.util.Optional.empty(), java.util.Optional.of(false));
            assertThat(connection.jedis().get("sitrep:incident-seq")).as("its data is kept").isEqualTo("41");
            long freshPid = Long.parseLong(Files.readString(data.resolve(EmbeddedRedis.PID_FILE)).strip());
            assertThat(freshPid).isNotEqualTo(leftoverPid);
        } finally {
            if (leftover.isActive()) {
                leftover.stop();
            }
        }
    }

    @Test
    void aSecondSitrepOnTheSameDataDirectoryIsRefusedWithASentence() {
        Path data = TestRedis.tempDir("locked-redis");
        try (EmbeddedRedis first = EmbeddedRedis.start(data);
             RedisConnection connection = RedisConnection.open(first.url())) {
            assertThatThrownBy(() -> EmbeddedRedis.start(data))
                    .hasMessage("Another Sitrep is already running on the data directory " + data.toAbsolutePath()
                            .normalize() + " with its embedded Redis. Stop that one, or give this one its own "
                            + "sitrep.data-dir.");
            assertThat(connection.answers()).as("the first keeps running").isTrue();
        }
        try (EmbeddedRedis again = EmbeddedRedis.start(data);
             RedisConnection connection = RedisConnection.open(again.url())) {
            assertThat(connection.answers()).as("free again once the first stopped").isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
