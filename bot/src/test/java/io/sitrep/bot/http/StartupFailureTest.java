package io.sitrep.bot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.sitrep.bot.SitrepApplication;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.TestRedis;
import redis.embedded.RedisServer;

/** Start-up failures an operator can fix are one paragraph: what failed, where, what to do; no stack trace. */
@Timeout(120)
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void redisDownIsOneSentenceWithTheAddressAndWhatToDo(CapturedOutput output) throws Exception {
        int closed = freePort();

        start("--sitrep.redis.url=redis://127.0.0.1:" + closed + "/0");

        assertThat(output).contains("Sitrep could not start: Nothing accepts connections at redis://127.0.0.1:"
                + closed + "/0.").contains("Start Redis there, or point sitrep.redis.url (or .sentinel.nodes, .cluster.nodes)")
                .doesNotContain("\tat io.sitrep", "\tat redis.clients", "Error starting ApplicationContext");
    }

    @Test
    void aClusterNobodyAnswersForNamesItsNodes(CapturedOutput output) throws Exception {
        int closed = freePort();

        start("--sitrep.redis.cluster.nodes=127.0.0.1:" + closed);

        assertThat(output).contains("Sitrep could not start: Nothing accepts connections at the cluster nodes "
                + "127.0.0.1:" + closed + " (sitrep.redis.cluster.nodes).").doesNotContain("\tat redis.clients");
    }

    @Test
    void aWrongPasswordIsSaidSoAndThePasswordIsNotPrinted(CapturedOutput output) throws Exception {
        int port = freePort();
        RedisServer guarded = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("requirepass right-one").setting("save \"\"").build();
        guarded.start();
        try {
            start("--sitrep.redis.url=redis://:not-the-right-one@127.0.0.1:" + port + "/0");
        } finally {
            guarded.stop();
        }

        assertThat(output).contains("Sitrep could not start: Redis at redis://127.0.0.1:" + port
                + "/0 refused Sitrep's password or user.").doesNotContain("not-the-right-one", "\tat io.sitrep");
    }

    @Test
    void aMissingPasswordIsSaidToBeMissingNotWrong(CapturedOutput output) throws Exception {
        int port = freePort();
        RedisServer guarded = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                .setting("requirepass right-one").setting("save \"\"").build();
        guarded.start();
        try {
            start("--sitrep.redis.url=redis://127.0.0.1:" + port + "/0");
        } finally {
            guarded.stop();
        }

        assertThat(output).contains("Sitrep could not start: Redis at redis://127.0.0.1:" + port
                + "/0 requires a password, and sitrep.redis.url gives none.")
                .doesNotContain("refused Sitrep's password", "\tat io.sitrep");
    }

    @Test
    void anUntrustedTlsCertificateSaysHowToTrustIt(CapturedOutput output) throws Exception {
        javax.net.ssl.SSLServerSocket tls = selfSignedTlsServer();
        int port = tls.getLocalPort();
        Thread acceptor = new Thread(() -> {
            while (!tls.isClosed()) {
                try (java.net.Socket socket = tls.accept()) {
                    ((javax.net.ssl.SSLSocket) socket).startHandshake();
                } catch (IOException refusedByTheClient) {
                    // the client does not trust the certificate: what is tested
                }
            }
        }, "self-signed-tls");
        acceptor.setDaemon(true);
        acceptor.start();
        try {
            start("--sitrep.redis.url=rediss://127.0.0.1:" + port + "/0");
        } finally {
            tls.close();
        }

        assertThat(output).contains("Sitrep could not start: The TLS handshake with Redis at rediss://127.0.0.1:"
                + port + "/0 failed: PKIX path building failed").contains("-Djavax.net.ssl.trustStore=")
                .doesNotContain("\tat io.sitrep", "SunCertPathBuilderException");
    }

    @Test
    void aDataDirectoryInUseNamesItAndTheWayOut(CapturedOutput output) {
        Path data = TestRedis.tempDir("in-use");
        try (EmbeddedRedis other = EmbeddedRedis.start(data)) {
            start("--sitrep.data-dir=" + data);
        }

        assertThat(output).contains("Another Sitrep is already running on the data directory " + data.toAbsolutePath()
                .normalize()).contains("--sitrep.data-dir=<another directory>").doesNotContain("\tat io.sitrep");
    }

    @Test
    void aManagementPortInUseNamesItsSetting(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            start("--management.server.port=" + taken.getLocalPort(), "--sitrep.redis.url=" + TestRedis.server().url(),
                    "--sitrep.data-dir=" + TestRedis.tempDir("management-port-taken"));

            assertThat(output).contains("Port " + taken.getLocalPort() + ", where Sitrep answers its probes and "
                    + "metrics (management.server.port; unless set, the server's port + 1), is already in use.")
                    .contains("--management.server.port=<a free port>").doesNotContain("\tat io.sitrep");
        }
    }

    @Test
    void aHeartbeatPagingAPolicyNobodyDefinedNamesTheSettingAndThePoliciesThereAre(CapturedOutput output) {
        start("--sitrep.redis.url=" + TestRedis.server().url(), "--sitrep.data-dir=" + TestRedis.tempDir("heartbeat"),
                "--sitrep.paging.heartbeats[0].name=backups", "--sitrep.paging.heartbeats[0].every=PT1H",
                "--sitrep.paging.heartbeats[0].policy=nowhere");

        assertThat(output).contains("Sitrep could not start: sitrep.paging.heartbeats[0].policy (heartbeat 'backups') "
                + "is 'nowhere', which is no escalation policy; the on-call files define none (sitrep.oncall.dir, "
                + "policies/).").contains("Set sitrep.paging.heartbeats[0].policy to one of the policies")
                .doesNotContain("\tat io.sitrep");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--sitrep.console.enabled=false";
        all[2] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 3, args.length);
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SitrepApplication.class).run(all).close());
        assertThat(failure).as("start-up must fail").isNotNull();
    }

    /** A TLS server whose certificate nobody trusts, its key made here with the JDK's keytool. */
    private static javax.net.ssl.SSLServerSocket selfSignedTlsServer() throws Exception {
        Path store = TestRedis.tempDir("tls").resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "redis", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory managers = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return (javax.net.ssl.SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
