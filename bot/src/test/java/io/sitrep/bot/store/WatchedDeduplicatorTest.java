package io.sitrep.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.RequestDeduplicator;

/** A chat request is checked for a repeat in the store only while the store is not known to be away. */
class WatchedDeduplicatorTest {

    private final List<String> asked = new ArrayList<>();
    private final RequestDeduplicator stored = key -> asked.add(key);
    private boolean away;
    private final WatchedDeduplicator deduplicator = new WatchedDeduplicator(stored, () -> away);

    @Test
    void whileTheStoreIsKnownAwayItFailsAtOnceWithoutAskingIt() {
        away = true;

        assertThatThrownBy(() -> deduplicator.firstDelivery("slack:1")).isInstanceOf(StoreUnavailableException.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void otherwiseTheStoreIsAsked() {
        assertThat(deduplicator.firstDelivery("slack:1")).isTrue();
        assertThat(asked).containsExactly("slack:1");
    }
}
