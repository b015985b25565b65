package io.sitrep.integrations.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import io.sitrep.integrations.chat.CardAction;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.MessageAction;

class DiscordCardsTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theCardEscapesUserTextAndShowsTheClockAsDiscordTimestamps() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("commander", "al_ice");
        roles.put("comms", null);
        IncidentCard card = new IncidentCard("INC-7", "*All* regions # down", "Investigating", "SEV1",
                roles, "check`out", null, List.of(), AT,
                AT.plusSeconds(3600), true, List.of(CardAction.POST_UPDATE, CardAction.RESOLVE));

        MessageEmbed embed = DiscordCards.embed(card);

        assertThat(embed.getTitle()).isEqualTo("INC-7 · \\*All\\* regions # down");
        assertThat(embed.getFields()).extracting(f -> f.getName() + "=" + f.getValue())
                .contains("Status=Investigating", "Commander=al\\_ice", "Comms=*unassigned*", "Service=check\\`out", "Region=—");
        assertThat(embed.getDescription()).isEqualTo("**OVERDUE, escalated** · Last update <t:1795600800:R> · next due "
                + "<t:1795604400:f>");
        assertThat(embed.getColorRaw()).isEqualTo(0xD93F0B);
        MessageCreateData message = DiscordCards.card(card);
        assertThat(buttons(message)).containsExactly("sitrep.card:update:INC-7", "sitrep.card:resolved:INC-7");
    }

    @Test
    void aRunbookButtonTooLongForDiscordsIdDropsTheRunbookFlagAndOnlyRunbookCommandsBecomeButtons() {
        String longId = "x".repeat(60);
        MessageCreateData message = DiscordCards.message("step", List.of(
                new MessageAction("Done", "runbook INC-7 step 1 done --runbook " + longId)));
        assertThat(buttons(message)).containsExactly("sitrep.run:runbook INC-7 step 1 done");

        MessageCreateData forged = DiscordCards.message("step", List.of(new MessageAction("Do", "declare \"x\"")));
        assertThat(forged.getComponents()).isEmpty();
    }

    private static List<String> buttons(MessageCreateData message) {
        return message.getComponents().stream()
                .flatMap(row -> ((ActionRow) row).getComponents().stream())
                .map(component -> ((Button) component).getCustomId())
                .toList();
    }
}
