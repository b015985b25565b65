package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.StoreUnavailableException;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.ChatMessage;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.TestRedis;

/** What a command hands the outbox, and what its caller is told when the outbox can't take it. */
class DeliveringCommandHandlerTest {

    private static final ChannelRef OPS = new ChannelRef("console", "ops");

    private final RedisIncidentStore store = new RedisIncidentStore(TestRedis.flushed());
    private final CommandDispatcher dispatcher = TestDispatchers.on(store, Clock.systemUTC());

    private CommandOutcome run(DeliveringCommandHandler handler, String text) {
        return handler.handle(new ChatCommand(text, new Actor("alice"), OPS));
    }

    @Test
    void aChangeIsHandedToTheOutboxWithItsMessagesForOthers() {
        List<Delivery> taken = new ArrayList<>();
        DeliveringCommandHandler handler = new DeliveringCommandHandler(dispatcher, taken::add);

        run(handler, "declare \"Checkout errors\"");
        run(handler, "update INC-1 Rolling back");
        CommandOutcome refused = run(handler, "update INC-9 nothing here");

        assertThat(refused.ok()).isFalse();
        assertThat(taken).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.incident()).isEqualTo(new IncidentId(1));
            assertThat(delivery.origin()).isEqualTo("console");
            assertThat(delivery.actor().name()).isEqualTo("alice");
        });
        assertThat(taken.get(0).opensRoom()).isTrue();
        assertThat(taken.get(1).messages()).extracting(ChatMessage::text)
                .anySatisfy(text -> assertThat(text).contains("Rolling back"));
    }

    @Test
    void aChangeWhosePostsCannotBeQueuedSaysSoToItsCallerInsteadOfClaimingThemSent() {
        DeliveringCommandHandler working = new DeliveringCommandHandler(dispatcher, delivery -> { });
        run(working, "declare \"Checkout errors\"");
        DeliveringCommandHandler failing = new DeliveringCommandHandler(dispatcher, delivery -> {
            throw new StoreUnavailableException("Redis is unavailable: connection reset", null);
        });

        CommandOutcome outcome = run(failing, "update INC-1 Rolling back");

        assertThat(outcome.ok()).as("the change itself is stored").isTrue();
        assertThat(store.find(new IncidentId(1)).orElseThrow().lastUpdateText()).isEqualTo("Rolling back");
        assertThat(outcome.replies()).filteredOn(message -> message.channel().equals(OPS)).extracting(ChatMessage::text)
                .anySatisfy(text -> assertThat(text).startsWith("⚠ INC-1 is changed, but what it posts could not be queued"));
    }
}
