package io.sitrep.integrations.chat;

/**
 * Remembers the requests a platform has delivered, so that a retry or a double click has one
 * effect. Shared by all replicas, since a retry may reach another one.
 */
@FunctionalInterface
public interface RequestDeduplicator {

    /** True the first time {@code key} is seen, false for every repeat within the retention time. */
    boolean firstDelivery(String key);
}
