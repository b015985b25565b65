package io.sitrep.integrations.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;

import io.sitrep.integrations.chat.CardAction;
import io.sitrep.integrations.chat.IncidentCard;

/** The incident card as Block Kit: header, fields, the update clock, and a button per next step. */
final class IncidentCardBlocks {

    /** Buttons carry this prefix and the command word ({@code sitrep.card.resolved}); their value is the incident id. */
    static final String ACTION_PREFIX = "sitrep.card.";
    private static final int HEADER_LIMIT = 150;
    private static final int FIELD_LIMIT = 2000;
    private static final DateTimeFormatter FALLBACK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private IncidentCardBlocks() {
    }

    static List<LayoutBlock> render(IncidentCard card) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String title = card.id() + " · " + card.title();
        // Header text is plain text: Slack shows it as typed, so it needs no escaping, only a length cut.
        blocks.add(header(h -> h.text(plainText(title.length() > HEADER_LIMIT
                ? title.substring(0, HEADER_LIMIT - 1) + "…" : title))));
        List<TextObject> fields = new ArrayList<>();
        for (IncidentCard.Field field : card.fields()) {
            // A stand-in such as "unassigned" is Sitrep's word, shown in italics; real values are escaped.
            fields.add(field(field.label(), field.standIn() ? "_" + field.value() + "_"
                    : SlackText.escape(field.value())));
        }
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(context(c -> c.elements(List.of(markdownText(updateClock(card))))));
        if (!card.actions().isEmpty()) {
            List<BlockElement> buttons = new ArrayList<>();
            for (CardAction action : card.actions()) {
                buttons.add(button(b -> b.actionId(ACTION_PREFIX + action.command())
                        .text(plainText(action.needsText() ? action.label() + "…" : action.label()))
                        .value(card.id())
                        .style(action == CardAction.POST_UPDATE ? "primary" : null)));
            }
            blocks.add(actions(a -> a.blockId("sitrep.card.actions").elements(buttons)));
        }
        return blocks;
    }

    /** The message text Slack shows in notifications and where blocks can't be shown. */
    static String fallback(IncidentCard card) {
        return SlackText.escape(card.headline());
    }

    /**
     * Slack renders {@code <!date^…^{ago}|…>} in each reader's client, so "last update 12 minutes
     * ago" stays true without the card being edited every minute.
     */
    private static String updateClock(IncidentCard card) {
        String last = card.lastUpdateAt() == null ? "No stakeholder update yet"
                : "Last update " + slackDate(card.lastUpdateAt(), "{ago}");
        if (card.nextUpdateDueAt() == null) {
            return last + " · no update due while " + card.status().toLowerCase(Locale.ROOT);
        }
        return (card.overdue() ? "*OVERDUE, escalated* · " : "") + last + " · next due "
                + slackDate(card.nextUpdateDueAt(), "{date_short} {time}");
    }

    private static String slackDate(Instant at, String format) {
        return "<!date^" + at.getEpochSecond() + "^" + format + "|" + FALLBACK.format(at) + ">";
    }

    /** A field whose value is already Slack text, cut to Slack's limit for a field. */
    private static TextObject field(String label, String slackText) {
        String text = "*" + label + "*\n" + slackText;
        if (text.length() > FIELD_LIMIT) {
            // Cut before a partial entity (&amp;) so the cut text still renders.
            String cut = text.substring(0, FIELD_LIMIT - 1);
            int amp = cut.lastIndexOf('&');
            if (amp > cut.length() - 5) {
                cut = cut.substring(0, amp);
            }
            text = cut + "…";
        }
        return markdownText(text);
    }

}
