package io.sitrep.integrations.chat.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Discord REST calls from the gateway's threads, each run to its end. JDA itself waits out rate
 * limits (429, by Retry-After) and retries 502/503 a few times within seconds; this adds a few
 * more tries with backoff for server errors and broken connections, then gives up with
 * {@link Passing}, and the delivery queue takes the long haul. What Discord refuses for good (a
 * missing permission, a deleted channel or message) is not retried: it comes back as a
 * {@link Refused} that names the cause.
 */
final class DiscordRest {

    private static final Logger log = LoggerFactory.getLogger(DiscordRest.class);

    /** How long to keep trying through an outage. */
    record RetryPolicy(Duration firstWait, Duration longestWait, Duration giveUpAfter) {
        /** A few quick tries; past that the delivery queue waits, with a backoff that survives restarts. */
        static final RetryPolicy DELIVERY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration wait) throws InterruptedException;
    }

    /** Discord said no, and asking again won't change that. */
    static final class Refused extends RuntimeException {

        private final String permission;
        private final ErrorResponse error;

        Refused(String message, String permission, ErrorResponse error, Throwable cause) {
            super(message, cause);
            this.permission = permission;
            this.error = error;
        }

        /** The Discord permission Sitrep lacks, by its name in Discord's settings ({@code Manage Channels}). */
        Optional<String> missingPermission() {
            return Optional.ofNullable(permission);
        }

        boolean is(ErrorResponse response) {
            return error == response;
        }
    }

    /** Discord stayed down (or the session disconnected) for longer than one call waits: worth trying later. */
    static final class Passing extends RuntimeException {
        Passing(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What Discord refused; 50001 and 50013 name what Sitrep is missing as best they can. */
    private static Refused refusal(String what, ErrorResponseException e) {
        String permission = switch (e.getErrorResponse()) {
            case MISSING_ACCESS -> Permission.VIEW_CHANNEL.getName();
            case MISSING_PERMISSIONS -> "a permission Discord did not name";
            default -> null;
        };
        String needs = e.getErrorResponse() == ErrorResponse.MISSING_ACCESS ? "; Sitrep needs '" + permission + "' there" : "";
        return new Refused("Discord refused to " + what + ": " + e.getMeaning() + " (" + e.getErrorCode() + ")" + needs,
                permission, e.getErrorResponse(), e);
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;

    DiscordRest(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * Runs the action made by {@code action} (made anew for each attempt, so JDA's own permission
     * checks run each time) and returns its result.
     *
     * @param what for the log: {@code post the card of INC-7}
     * @throws Refused when Discord refuses, or the outage outlasts the retry policy
     */
    <T> T call(String what, Supplier<? extends RestAction<T>> action) {
        return attempt(what, () -> action.get().complete());
    }

    /**
     * Runs {@code attempt} until it succeeds, Discord refuses, or the outage outlasts the retry
     * policy; for calls that must look before they retry (did the last try create the channel?).
     */
    <T> T attempt(String what, Supplier<T> attempt) {
        Duration wait = policy.firstWait();
        Duration waited = Duration.ZERO;
        while (true) {
            try {
                return attempt.get();
            } catch (PermissionException e) {
                String name = e.getPermission() == null ? null : e.getPermission().getName();
                throw new Refused("Sitrep lacks the Discord permission '" + name + "' to " + what, name, null, e);
            } catch (ErrorResponseException e) {
                // By HTTP status: JDA files codes it does not know, and 4xx without a code, as server errors.
                if (e.getResponse() == null || e.getResponse().code < 500) {
                    throw refusal(what, e);
                }
                log.info("Discord failed to {} ({}); trying again in {} s", what, e.getMeaning(), wait.toSeconds());
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new Refused("Could not " + what + ": " + e.getMessage(), null, null, e);
            } catch (RuntimeException e) {
                // A broken connection or timeout: JDA wraps the I/O failure.
                log.info("Could not reach Discord to {} ({}); trying again in {} s", what, e.getMessage(), wait.toSeconds());
            }
            if (waited.plus(wait).compareTo(policy.giveUpAfter()) > 0) {
                throw new Passing("Discord kept failing to " + what + " for " + waited.toSeconds() + " s", null);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Passing("Interrupted while waiting to " + what, e);
            }
            waited = waited.plus(wait);
            wait = wait.multipliedBy(2).compareTo(policy.longestWait()) > 0 ? policy.longestWait() : wait.multipliedBy(2);
        }
    }
}
