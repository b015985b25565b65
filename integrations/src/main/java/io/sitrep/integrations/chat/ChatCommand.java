package io.sitrep.integrations.chat;

/** One {@code /incident …} line typed by {@code actor} in {@code channel}: always a person's. */
public record ChatCommand(String text, Actor actor, ChannelRef channel) {

    public ChatCommand {
        text = text == null ? "" : text;
    }
}
