package io.sitrep.bot.store;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code store} in the readiness group: what the {@link StoreWatch} knows, never a call to the
 * store on the probe's thread, so readiness answers at once even while Redis hangs.
 */
public final class StoreHealth implements HealthIndicator {

    private final StoreWatch watch;
    private final String store;

    /** @param store where the incidents are, for the details ({@code redis 127.0.0.1:6379/0}) */
    public StoreHealth(StoreWatch watch, String store) {
        this.watch = watch;
        this.store = store;
    }

    @Override
    public Health health() {
        StoreWatch.Seen seen = watch.seen();
        Health.Builder health = seen.available() ? Health.up() : Health.down().withDetail("trouble", seen.trouble());
        return health.withDetail("redis", store).withDetail("since", seen.since().toString()).build();
    }
}
