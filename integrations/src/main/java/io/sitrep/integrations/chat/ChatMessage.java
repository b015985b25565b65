package io.sitrep.integrations.chat;

/** A message for one channel. */
public record ChatMessage(ChannelRef channel, String text) {
}
