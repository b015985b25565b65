package io.sitrep.incident.store;

/** The store could not be reached or did not answer; nothing is known to have been written. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
