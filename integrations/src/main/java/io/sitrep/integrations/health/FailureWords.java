package io.sitrep.integrations.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

/**
 * Why a call to a health source or target failed, in words a person on call reads: "no answer
 * within 2.0 s", "connection refused" — never {@code java.util.concurrent.CompletionException: …}.
 */
public final class FailureWords {

    /** {@code java.net.ConnectException: } and the like, wherever a library put them in a message. */
    private static final Pattern CLASS_NAMES =
            Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");

    private FailureWords() {
    }

    /** {@code 2.0 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** @param timeout the deadline the call had, named when it ran out */
    public static String describe(Throwable failure, Duration timeout) {
        return describe(failure, " within " + seconds(timeout));
    }

    /** For calls whose deadline is not Sitrep's to name. */
    public static String describe(Throwable failure) {
        return describe(failure, " in time");
    }

    private static String describe(Throwable failure, String inTime) {
        Throwable t = unwrap(failure);
        if (t instanceof HttpConnectTimeoutException) {
            return "no connection" + inTime;
        }
        if (t instanceof HttpTimeoutException) {
            return "connected, but no answer" + inTime;
        }
        if (t instanceof TimeoutException) {
            return "no answer" + inTime;
        }
        if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                || t instanceof ConnectException && t.getCause() instanceof UnresolvedAddressException) {
            return "the host name does not resolve (DNS)";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof SSLException) {
            return "the TLS handshake failed" + detail(t);
        }
        if (t instanceof IOException) {
            return "the connection failed" + detail(t);
        }
        return "it failed" + detail(t);
    }

    /** The message of a failure with any Java class names taken out. */
    public static String message(Throwable failure) {
        String message = unwrap(failure).getMessage();
        return message == null ? "" : CLASS_NAMES.matcher(message).replaceAll("").strip();
    }

    private static String detail(Throwable t) {
        String message = message(t);
        return message.isEmpty() ? "" : ": " + message;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
