package io.sitrep.integrations.chat;

/**
 * Which of a delivery's messages are out already, kept with the delivery where it is stored, so
 * a retry — on this replica or another after a crash — sends only what is still owed.
 * Steps are the indexes of {@link Delivery#messages()}.
 */
public interface DeliverySteps {

    boolean done(int step);

    void markDone(int step);

    /**
     * What identifies message {@code step} of this delivery on every try, for platforms that drop
     * a repeated post carrying the same one (Discord's nonce); empty where nothing is stored.
     */
    default java.util.Optional<String> nonce(int step) {
        return java.util.Optional.empty();
    }

    /** What identifies this delivery on every try, on every replica; empty where nothing is stored. */
    default java.util.Optional<String> deliveryId() {
        return java.util.Optional.empty();
    }

    /**
     * When an earlier try of this delivery began sending, if one did: then a message not marked
     * done may be out all the same (its answer was lost, or the replica died before marking it),
     * and a platform that does not drop a repeated post looks for it before sending it again.
     */
    default java.util.Optional<java.time.Instant> startedBefore() {
        return java.util.Optional.empty();
    }

    /**
     * Called before each message goes out. The first call of a delivery records, where the
     * delivery is stored, that it has begun sending, so later tries know to look.
     */
    default void sending() {
    }

    /**
     * Takes the room's record — its card redrawn in place, the same message — to write with this
     * delivery's next stored step (its start, a postponement or its completion, all in the
     * incident's own keys) rather than on its own: a crash before then costs one more redraw of
     * the same message, never a second card. The newest record given is the one written.
     *
     * @return false where nothing is stored: the caller writes the record itself
     */
    default boolean keepRoom(IncidentRoom room) {
        return false;
    }

    /** For a delivery nobody stores: every step is owed once, as long as this object lives. */
    static DeliverySteps inMemory() {
        java.util.Set<Integer> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new DeliverySteps() {
            @Override
            public boolean done(int step) {
                return done.contains(step);
            }

            @Override
            public void markDone(int step) {
                done.add(step);
            }
        };
    }
}
