package io.sitrep.integrations.chat;

import java.util.List;

/** One message of a delivery: who it is for, what it says, the one-click answers it offers. */
public record DeliveryMessage(Audience audience, String text, List<MessageAction> actions) {

    public DeliveryMessage {
        if (audience == null) {
            throw new IllegalArgumentException("a message needs an audience");
        }
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public DeliveryMessage(Audience audience, String text) {
        this(audience, text, List.of());
    }
}
