package io.sitrep.bot.postmortem;

import java.util.LinkedHashMap;
import java.util.Map;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.IncidentId;

/** How each export shows a follow-up beside its text: its id, owner, due date, status and issue. */
final class ActionText {

    private ActionText() {
    }

    /** {@code owner dana · due 2026-03-20 · open · owner/repo#12}: what is known of it after its text. */
    static String details(FollowUp action) {
        return "owner " + (action.owner() == null ? "none" : action.owner())
                + " · due " + (action.due() == null ? "none" : action.due())
                + " · " + action.status().word()
                + (action.tracker() == null ? "" : " · " + action.tracker().key());
    }

    /** The follow-up as the JSON export writes it. */
    static Map<String, Object> json(IncidentId incident, FollowUp action) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", action.id(incident));
        doc.put("text", action.text());
        doc.put("owner", action.owner());
        doc.put("due", action.due() == null ? null : action.due().toString());
        doc.put("status", action.status().word());
        if (action.tracker() != null) {
            Map<String, Object> tracker = new LinkedHashMap<>();
            tracker.put("kind", action.tracker().kind());
            tracker.put("key", action.tracker().key());
            tracker.put("url", action.tracker().url());
            doc.put("tracker", tracker);
        }
        return doc;
    }
}
