package io.sitrep.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Role;
import io.sitrep.integrations.chat.discord.FakeDiscord;

/**
 * Roles on Discord are members, by id: picked in the user option and kept as {@code <@id>};
 * someone without the role is refused privately, by command or button, and nothing changes.
 */
class DiscordPermissionsTest extends DiscordAppTest {

    private static final IncidentId INC_1 = new IncidentId(1);

    @Test
    void someoneWithoutTheRoleIsRefusedByCommandAndByButtonAndTheCommanderCanHandOver() {
        reply(discord.slash("alice", GENERAL, null, "declare", "title", "Checkout errors"));
        String channel = channelOf("inc-1-checkout-errors");
        Incident before = store.find(INC_1).orElseThrow();
        String alice = "<@" + FakeDiscord.userId("alice") + ">";

        assertThat(reply(discord.slash("mallory", channel, null, "cancel", "reason", "not real")))
                .isEqualTo("✗ Only the commander (" + alice + ") or an admin may cancel INC-1.");
        discord.click("mallory", channel, "1", "sitrep.card:resolved:INC-1");
        assertThat(reply(discord.submitModal("mallory", channel, "sitrep.modal:resolved:INC-1", "fixed it")))
                .isEqualTo("✗ Only the commander (" + alice + ") or an admin may resolve INC-1.");
        assertThat(store.find(INC_1).orElseThrow()).isEqualTo(before);

        reply(discord.slash("alice", channel, null, "assign", "role", "commander", "user", "mallory"));
        assertThat(store.find(INC_1).orElseThrow().roles())
                .containsEntry(Role.COMMANDER, "<@" + FakeDiscord.userId("mallory") + ">");
        reply(discord.slash("mallory", channel, null, "cancel", "reason", "not real"));
        assertThat(store.find(INC_1).orElseThrow().state()).isEqualTo(IncidentState.CANCELLED);
    }
}
