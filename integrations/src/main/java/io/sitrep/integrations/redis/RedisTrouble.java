package io.sitrep.integrations.redis;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.sitrep.integrations.health.FailureWords;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Why Redis could not be used, in a sentence an operator can act on: which of the usual start-up
 * troubles it is (nothing listening, a wrong password, an untrusted TLS certificate, a name that
 * does not resolve, no answer) and what to do about it.
 */
public final class RedisTrouble {

    /** What went wrong, and what to do. */
    public record Explained(String what, String action) {
    }

    private RedisTrouble() {
    }

    /** Empty when {@code failure} is not a Redis failure at all. */
    public static Optional<Explained> explain(Throwable failure, String where) {
        String redis = null;
        for (Throwable t : chain(failure)) {
            String message = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
            if (message.contains("NOAUTH")) {
                // Redis asked for credentials and none were sent: not a wrong password, a missing one.
                return Optional.of(new Explained("Redis at " + where + " requires a password, and sitrep.redis.url "
                        + "gives none.", "Put the user and password in sitrep.redis.url "
                        + "(redis://user:password@host:port/db, or redis://:password@host:port/db without a user)."));
            }
            if (t instanceof JedisAccessControlException || message.contains("WRONGPASS")
                    || message.contains("INVALID PASSWORD")) {
                return Optional.of(new Explained("Redis at " + where + " refused Sitrep's password or user.",
                        "Check the user and password in sitrep.redis.url (redis://user:password@host:port/db) "
                                + "against the Redis ACL."));
            }
            if (t instanceof SSLException) {
                return Optional.of(new Explained("The TLS handshake with Redis at " + where + " failed: "
                        + FailureWords.message(t) + ".",
                        "Make the JVM trust Redis' certificate: import its CA into a trust store and start Sitrep "
                                + "with -Djavax.net.ssl.trustStore=<file> -Djavax.net.ssl.trustStorePassword=<password> "
                                + "(or use a certificate signed by a CA the JVM already trusts)."));
            }
            if (t instanceof UnknownHostException) {
                return Optional.of(new Explained("The host of sitrep.redis.url (" + where + ") does not resolve.",
                        "Check the host name in sitrep.redis.url."));
            }
            if (t instanceof ConnectException) {
                return Optional.of(new Explained("Nothing accepts connections at " + where + ".",
                        "Start Redis there, or point sitrep.redis.url (or .sentinel.nodes, .cluster.nodes) at where it "
                                + "runs; leave them empty to use the embedded Redis."));
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of(new Explained("Redis at " + where + " did not answer in time.",
                        "Check that the address is Redis and that nothing between Sitrep and it drops the traffic."));
            }
            if (t instanceof JedisException || t instanceof io.sitrep.incident.store.StoreUnavailableException) {
                redis = FailureWords.message(t);
            }
        }
        return redis == null ? Optional.empty() : Optional.of(new Explained("Redis at " + where + " could not be used: "
                + redis + ".", "Check sitrep.redis.url and that Redis 6.2 or newer runs there."));
    }

    /** The failure, its causes and what they suppressed (Jedis keeps each address tried there), outermost first. */
    private static java.util.List<Throwable> chain(Throwable failure) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(java.util.List.of(failure));
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.poll();
            if (all.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            all.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(java.util.List.of(t.getSuppressed()));
        }
        return all;
    }
}
