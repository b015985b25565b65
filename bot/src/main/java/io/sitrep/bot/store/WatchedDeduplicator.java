package io.sitrep.bot.store;

import io.sitrep.incident.store.StoreAvailability;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.RequestDeduplicator;

/**
 * Asks the store whether a chat request was seen before only while the store is not known to be
 * away; meanwhile it fails at once, as the store would have after its client's timeout. The
 * chat adapters ask this before the command reaches the dispatcher, which refuses it at once too.
 */
public final class WatchedDeduplicator implements RequestDeduplicator {

    private final RequestDeduplicator stored;
    private final StoreAvailability store;

    public WatchedDeduplicator(RequestDeduplicator stored, StoreAvailability store) {
        this.stored = stored;
        this.store = store;
    }

    @Override
    public boolean firstDelivery(String key) {
        refuseWhileAway();
        return stored.firstDelivery(key);
    }

    @Override
    public void forget(String key) {
        refuseWhileAway();
        stored.forget(key);
    }

    private void refuseWhileAway() {
        if (store.knownAway()) {
            throw new StoreUnavailableException("the incident store is known to be away", null);
        }
    }
}
