package io.sitrep.integrations.chat;

/**
 * Thrown by a platform that refuses a whole delivery for good (Sitrep is not in the Discord
 * guild, say): asking again would not help, so it is reported rather than retried.
 */
public final class RefusedDelivery extends RuntimeException {

    public RefusedDelivery(String reason) {
        super(reason);
    }
}
