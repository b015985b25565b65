package io.sitrep.integrations.chat;

import java.util.List;

/** A message for one channel, with the one-click answers it offers, if any. */
public record ChatMessage(ChannelRef channel, String text, List<MessageAction> actions) {

    public ChatMessage {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public ChatMessage(ChannelRef channel, String text) {
        this(channel, text, List.of());
    }
}
