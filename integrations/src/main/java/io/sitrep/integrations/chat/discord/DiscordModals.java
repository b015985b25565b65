package io.sitrep.integrations.chat.discord;

import java.util.Optional;

import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.modals.Modal;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.CardAction;

/**
 * The modal a card button opens when its command needs text (Post update, Resolve …). Its id
 * carries the command and the incident, {@code sitrep.modal:resolved:INC-7}, so the submission
 * needs nothing remembered between the click and the submit.
 */
final class DiscordModals {

    static final String PREFIX = "sitrep.modal:";
    static final String TEXT_INPUT = "text";
    /** Stakeholder updates are read on phones: a screenful is plenty. */
    private static final int TEXT_LIMIT = 3000;

    /** A submitted modal: which command, on which incident. */
    record Submitted(CardAction action, String incident) {
    }

    private DiscordModals() {
    }

    static Modal forAction(CardAction action, String incident) {
        TextInput input = TextInput.create(TEXT_INPUT, TextInputStyle.PARAGRAPH)
                .setRequiredRange(1, TEXT_LIMIT)
                .build();
        return Modal.create(PREFIX + action.command() + ":" + incident, cut(action.label() + " · " + incident))
                .addComponents(Label.of(action.prompt(), input))
                .build();
    }

    /** The command and incident a modal id names; empty when it is not one of Sitrep's. */
    static Optional<Submitted> read(String modalId) {
        if (!modalId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return CardButtonId.read(modalId.substring(PREFIX.length()))
                .filter(button -> button.action().needsText())
                .map(button -> new Submitted(button.action(), button.incident()));
    }

    private static String cut(String title) {
        return title.length() <= Modal.MAX_TITLE_LENGTH ? title : title.substring(0, Modal.MAX_TITLE_LENGTH - 1) + "…";
    }

    /** {@code resolved:INC-7}: a card action and its incident, as button and modal ids carry them. */
    record CardButtonId(CardAction action, String incident) {

        static Optional<CardButtonId> read(String commandAndIncident) {
            int colon = commandAndIncident.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            Optional<CardAction> action = CardAction.byCommand(commandAndIncident.substring(0, colon));
            Optional<IncidentId> incident = IncidentId.tryParse(commandAndIncident.substring(colon + 1));
            if (action.isEmpty() || incident.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CardButtonId(action.get(), incident.get().toString()));
        }
    }
}
