package io.sitrep.incident.store;

/** The store could not be reached or did not answer; nothing is known to have been written. */
public class StoreUnavailableException extends RuntimeException {

    /** What a caller is told: nothing happened, and it is worth trying again. */
    public static final String TRY_AGAIN = "The incident store is unavailable right now; nothing was changed. "
            + "Try again shortly.";

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
