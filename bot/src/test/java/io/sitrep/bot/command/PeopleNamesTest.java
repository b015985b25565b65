package io.sitrep.bot.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.sitrep.bot.EveryCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sitrep.bot.postmortem.PostmortemExporter;
import io.sitrep.config.PermissionSettings;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.Role;
import io.sitrep.integrations.chat.Actor;
import io.sitrep.integrations.chat.ChannelRef;
import io.sitrep.integrations.chat.ChatCommand;
import io.sitrep.integrations.chat.CommandOutcome;
import io.sitrep.integrations.redis.RedisConnection;
import io.sitrep.integrations.redis.RedisIncidentStore;
import io.sitrep.integrations.redis.RedisPeople;
import io.sitrep.integrations.redis.TestRedis;

/**
 * People kept by id read as themselves where mentions do not render: the console, the HTTP
 * API and the postmortem document say {@code @bob} for {@code <@U0BOB>}; Slack keeps the mention.
 */
class PeopleNamesTest {

    private static final IncidentId INC_1 = new IncidentId(1);

    private RedisConnection redis;
    private RedisIncidentStore store;
    private RedisPeople people;
    private CommandDispatcher dispatcher;

    @BeforeEach
    void setUp() {
        redis = TestRedis.flushed();
        store = new RedisIncidentStore(redis);
        people = new RedisPeople(redis);
        CommandContext base = TestDispatchers.context(store, MutableClock.incidentMorning());
        CommandContext context = new CommandContext(base.store(), base.writer(), base.lifecycle(), base.schedule(),
                base.clock(), base.stakeholderChannel(), people);
        dispatcher = new CommandDispatcher(context, EveryCommand.all(), CommandDispatcher.CommandObserver.NONE, delivery -> { },
                PermissionSettings.none());
    }

    @Test
    void theConsoleAndTheDocumentNameWhomSlackMentions() {
        slack("declare \"Checkout errors\"");
        slack("assign INC-1 comms <@U0BOB|bob>");
        assertThat(store.find(INC_1).orElseThrow().roles())
                .containsEntry(Role.COMMANDER, "<@U0ALICE>").containsEntry(Role.COMMS, "<@U0BOB>");

        String onTheConsole = text(dispatcher.handle(new ChatCommand("status INC-1", new Actor("carol"),
                new ChannelRef("console", "ops"))));
        String onSlack = text(slack("status INC-1"));
        String document = new PostmortemExporter(store, people).render(INC_1, "md").body();

        assertThat(onTheConsole).contains("@alice").contains("@bob").doesNotContain("<@U0");
        assertThat(onSlack).contains("<@U0ALICE>").contains("<@U0BOB>");
        assertThat(document).contains("comms: @bob").doesNotContain("<@U0BOB>");
        assertThat(new RedisPeople(redis).nameOf("U0BOB")).as("kept in Redis, for every replica").contains("bob");
    }

    @Test
    void someoneNeverSeenStaysAMention() {
        slack("declare \"Checkout errors\"");
        slack("assign INC-1 scribe <@U0ZED>");

        assertThat(text(dispatcher.handle(new ChatCommand("status INC-1", new Actor("carol"),
                new ChannelRef("console", "ops"))))).contains("<@U0ZED>");
    }

    private CommandOutcome slack(String line) {
        CommandOutcome outcome = dispatcher.handle(new ChatCommand(line, new Actor("alice", "U0ALICE"),
                new ChannelRef("slack", "C0OPS")));
        assertThat(outcome.ok()).as(line + ": " + outcome.error().orElse("")).isTrue();
        return outcome;
    }

    private static String text(CommandOutcome outcome) {
        return String.join("\n", outcome.replies().stream().map(m -> m.text()).toList());
    }
}
