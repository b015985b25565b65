package io.sitrep.bot.wiring;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

import io.sitrep.bot.heartbeat.ExpectedHeartbeats;
import io.sitrep.integrations.redis.EmbeddedRedis;
import io.sitrep.integrations.redis.RedisTrouble;

/**
 * Start-up failures an operator can fix, told as one paragraph — what failed, where, and what
 * to do — instead of pages of stack trace: Redis unreachable, a wrong password, an untrusted TLS
 * certificate, the data directory in use by another Sitrep, the management port taken, or a
 * heartbeat that could page nobody. Spring Boot prints the analysis
 * in place of the trace (the trace is still logged at debug level).
 */
public final class StartupFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public StartupFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EmbeddedRedis.DataDirectoryInUseException inUse) {
                return new FailureAnalysis(inUse.getMessage(), "Stop the other Sitrep, or start this one with "
                        + "--sitrep.data-dir=<another directory>.", failure);
            }
            if (t instanceof ExpectedHeartbeats.Misconfigured wrong) {
                return new FailureAnalysis("Sitrep could not start: " + wrong.getMessage(), wrong.action(), failure);
            }
            if (t instanceof PortInUseException inUse && isManagementPort(inUse.getPort())) {
                return new FailureAnalysis("Port " + inUse.getPort() + ", where Sitrep answers its probes and metrics "
                        + "(management.server.port; unless set, the server's port + 1), is already in use.",
                        "Stop what listens there, or start Sitrep with --management.server.port=<a free port>.",
                        failure);
            }
        }
        return RedisTrouble.explain(failure, where())
                .map(e -> new FailureAnalysis("Sitrep could not start: " + e.what(), e.action(), failure))
                .orElse(null);
    }

    /** The management server's port, set or defaulted (the server's + 1, which something else may hold). */
    private boolean isManagementPort(int port) {
        return port > 0 && Integer.valueOf(port).equals(environment.getProperty("management.server.port", Integer.class));
    }

    /** The configured Redis without its credentials, or the embedded one. */
    private String where() {
        String cluster = environment.getProperty("sitrep.redis.cluster.nodes", "");
        if (!cluster.isBlank()) {
            return "the cluster nodes " + cluster.strip() + " (sitrep.redis.cluster.nodes)";
        }
        String sentinels = environment.getProperty("sitrep.redis.sentinel.nodes", "");
        if (!environment.getProperty("sitrep.redis.sentinel.master", "").isBlank()) {
            return "the sentinels " + sentinels.strip() + " (sitrep.redis.sentinel.nodes)";
        }
        String url = environment.getProperty("sitrep.redis.url", "");
        if (url.isBlank()) {
            return "the embedded Redis";
        }
        try {
            URI uri = URI.create(url.strip());
            return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort())
                    + Optional.ofNullable(uri.getPath()).orElse("");
        } catch (IllegalArgumentException e) {
            return "sitrep.redis.url";
        }
    }
}
