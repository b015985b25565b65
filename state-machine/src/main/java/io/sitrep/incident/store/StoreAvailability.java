package io.sitrep.incident.store;

/**
 * What a replica knows of its store without asking it: whether the store is known to be away
 * right now (its last check went unanswered, or a call just found it unavailable). While it is,
 * a request is refused at once rather than left waiting on a store that will not answer.
 */
@FunctionalInterface
public interface StoreAvailability {

    /** Nothing is known: every request goes to the store and finds out. */
    StoreAvailability UNWATCHED = () -> false;

    boolean knownAway();
}
