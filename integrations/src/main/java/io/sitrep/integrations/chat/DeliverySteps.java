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
