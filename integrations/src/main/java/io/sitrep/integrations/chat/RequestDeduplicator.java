package io.sitrep.integrations.chat;

/**
 * Remembers the requests a platform has delivered, so that a retry or a double click has one
 * effect. Shared by all replicas, since a retry may reach another one.
 */
public interface RequestDeduplicator {

    /** True the first time {@code key} is seen, false for every repeat within the retention time. */
    boolean firstDelivery(String key);

    /** Forgets {@code key}, so that a retry of a request that failed half-way is taken again. */
    default void forget(String key) {
    }
}
