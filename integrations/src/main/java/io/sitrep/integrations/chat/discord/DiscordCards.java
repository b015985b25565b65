package io.sitrep.integrations.chat.discord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import io.sitrep.integrations.chat.CardAction;
import io.sitrep.integrations.chat.IncidentCard;
import io.sitrep.integrations.chat.MessageAction;

/**
 * Sitrep's messages as Discord renders them: the incident card as an embed with a button per
 * next step, and messages with one-click answers. Button ids carry what a click should do:
 * {@code sitrep.card:resolved:INC-7}, {@code sitrep.run:<command line>}, {@code sitrep.snooze:INC-7}.
 * Every message goes out with mentions switched off, so no user text can ping anyone.
 */
final class DiscordCards {

    static final String CARD_BUTTON = "sitrep.card:";
    static final String RUN_BUTTON = "sitrep.run:";
    static final String SNOOZE_BUTTON = "sitrep.snooze:";
    static final int SNOOZE_MINUTES = 15;

    private static final int SEVERE = 0xD93F0B;
    private static final int MAJOR = 0xF28C28;
    private static final int MINOR = 0xF2C744;
    private static final int DONE = 0x2DA44E;
    private static final int STOPPED = 0x8C959F;

    private DiscordCards() {
    }

    static MessageCreateData card(IncidentCard card) {
        return new MessageCreateBuilder().setEmbeds(embed(card)).setComponents(buttons(card))
                .setAllowedMentions(Collections.emptyList()).build();
    }

    static MessageEditData cardEdit(IncidentCard card) {
        return new MessageEditBuilder().setEmbeds(embed(card)).setComponents(buttons(card))
                .setAllowedMentions(Collections.emptyList()).build();
    }

    /** Plain text; with buttons for its one-click answers when they fit in Discord's ids. */
    static MessageCreateData message(String discordText, List<MessageAction> actions) {
        MessageCreateBuilder message = new MessageCreateBuilder()
                .setContent(DiscordText.truncate(discordText, net.dv8tion.jda.api.entities.Message.MAX_CONTENT_LENGTH))
                // A role holder named in a post is notified; roles and @everyone never are.
                .setAllowedMentions(java.util.EnumSet.of(net.dv8tion.jda.api.entities.Message.MentionType.USER));
        List<Button> buttons = new ArrayList<>();
        for (MessageAction action : actions) {
            runButton(action).ifPresent(buttons::add);
        }
        if (!buttons.isEmpty() && buttons.size() == actions.size()) {
            message.setComponents(ActionRow.of(buttons));
        }
        return message.build();
    }

    /** A reminder, with the answers it asks for: post the update, or snooze. */
    static MessageCreateData reminder(String discordText, String incident) {
        return new MessageCreateBuilder()
                .setContent(DiscordText.truncate(discordText, net.dv8tion.jda.api.entities.Message.MAX_CONTENT_LENGTH))
                .setComponents(ActionRow.of(
                        Button.primary(CARD_BUTTON + CardAction.POST_UPDATE.command() + ":" + incident, "Post update…"),
                        Button.secondary(SNOOZE_BUTTON + incident, "Snooze " + SNOOZE_MINUTES + " min")))
                .setAllowedMentions(Collections.emptyList())
                .build();
    }

    /** Whether a clicked button's command is one a button may run ({@link MessageAction#runnable}). */
    static boolean runnable(String commandLine) {
        return MessageAction.runnable(commandLine);
    }

    static MessageEmbed embed(IncidentCard card) {
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(DiscordText.truncate(DiscordText.escape(card.id() + " · " + card.title()),
                        MessageEmbed.TITLE_MAX_LENGTH))
                .setColor(colour(card))
                .setDescription(updateClock(card));
        for (IncidentCard.Field field : card.fields()) {
            String value = field.standIn() ? "*" + field.value() + "*" : DiscordText.escape(field.value());
            embed.addField(field.label(), DiscordText.truncate(value, MessageEmbed.VALUE_MAX_LENGTH), true);
        }
        return embed.build();
    }

    private static List<ActionRow> buttons(IncidentCard card) {
        List<Button> buttons = new ArrayList<>();
        for (CardAction action : card.actions()) {
            String id = CARD_BUTTON + action.command() + ":" + card.id();
            String label = action.needsText() ? action.label() + "…" : action.label();
            buttons.add(switch (action) {
                case POST_UPDATE -> Button.primary(id, label);
                case RESOLVE -> Button.success(id, label);
                default -> Button.secondary(id, label);
            });
        }
        // Discord allows five buttons a row; a card offers at most five next steps.
        List<ActionRow> rows = new ArrayList<>();
        for (int from = 0; from < buttons.size(); from += 5) {
            rows.add(ActionRow.of(buttons.subList(from, Math.min(from + 5, buttons.size()))));
        }
        return rows;
    }

    /**
     * A button whose id is its command line. Discord's ids hold 100 characters; a line too long
     * (a long runbook id) is tried without {@code --runbook}, which the core needs only when
     * several runbooks run at once, and then asks which.
     */
    private static Optional<Button> runButton(MessageAction action) {
        String line = action.commandLine();
        if (RUN_BUTTON.length() + line.length() > Button.ID_MAX_LENGTH) {
            line = line.replaceFirst(" --runbook \\S+$", "");
        }
        if (RUN_BUTTON.length() + line.length() > Button.ID_MAX_LENGTH || !runnable(line)) {
            return Optional.empty(); // the message says how to type it instead
        }
        return Optional.of(Button.secondary(RUN_BUTTON + line, DiscordText.truncate(action.label(), Button.LABEL_MAX_LENGTH)));
    }

    /**
     * Discord renders {@code <t:…:R>} in each reader's client ("12 minutes ago") and {@code <t:…:f>}
     * with date and time in their zone, so the card stays true without being edited every minute.
     */
    private static String updateClock(IncidentCard card) {
        String last = card.lastUpdateAt() == null ? "No stakeholder update yet"
                : "Last update " + timestamp(card.lastUpdateAt(), "R");
        if (!card.updateDue()) {
            return last + " · no update due while " + card.status().toLowerCase(Locale.ROOT);
        }
        return (card.overdue() ? "**OVERDUE, escalated** · " : "") + last + " · next due "
                + timestamp(card.nextUpdateDueAt(), "f");
    }

    private static String timestamp(Instant at, String style) {
        return "<t:" + at.getEpochSecond() + ":" + style + ">";
    }

    private static int colour(IncidentCard card) {
        return switch (card.status().toLowerCase(Locale.ROOT)) {
            case "cancelled" -> STOPPED;
            case "resolved", "postmortem", "closed" -> DONE;
            default -> bySeverity(card);
        };
    }

    private static int bySeverity(IncidentCard card) {
        return switch (card.severity()) {
            case "SEV1" -> SEVERE;
            case "SEV2" -> MAJOR;
            default -> MINOR;
        };
    }
}
