package io.sitrep.integrations.chat;

import java.util.List;

/**
 * One message of a delivery: who it is for, what it says, the one-click answers it offers, and
 * — for a page's messages — which page it belongs to, so that a notification still queued when
 * the page is acknowledged is dropped rather than sent.
 */
public record DeliveryMessage(Audience audience, String text, List<MessageAction> actions, PageMark page) {

    public DeliveryMessage {
        if (audience == null) {
            throw new IllegalArgumentException("a message needs an audience");
        }
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public DeliveryMessage(Audience audience, String text, List<MessageAction> actions) {
        this(audience, text, actions, null);
    }

    public DeliveryMessage(Audience audience, String text) {
        this(audience, text, List.of());
    }

    /** A notification of page {@code page}: sent only while the page still runs. */
    public boolean notifies() {
        return page != null && page.kind() == PageMark.Kind.NOTIFY;
    }
}
