package io.sitrep.integrations.chat;

import java.util.List;
import java.util.Optional;

/**
 * What became of one chat command.
 *
 * @param incident the incident it concerned, if any ({@code INC-7})
 * @param replies  messages to post, each to its channel (the caller's, the incident's, stakeholders')
 * @param invite   a channel the caller should now be in, such as a newly declared incident's
 * @param file     a document for the caller, such as an export
 */
public record CommandOutcome(
        boolean ok,
        Optional<String> incident,
        List<ChatMessage> replies,
        Optional<String> error,
        Optional<CommandFailure> failure,
        Optional<ChannelRef> invite,
        Optional<ChatFile> file) {

    public CommandOutcome {
        replies = List.copyOf(replies);
    }

    public static CommandOutcome success(String incident, List<ChatMessage> replies, ChannelRef invite) {
        return success(incident, replies, invite, null);
    }

    public static CommandOutcome success(String incident, List<ChatMessage> replies, ChannelRef invite, ChatFile file) {
        return new CommandOutcome(true, Optional.ofNullable(incident), replies, Optional.empty(), Optional.empty(),
                Optional.ofNullable(invite), Optional.ofNullable(file));
    }

    public static CommandOutcome failure(CommandFailure failure, String error, String incident) {
        return new CommandOutcome(false, Optional.ofNullable(incident), List.of(), Optional.of(error),
                Optional.of(failure), Optional.empty(), Optional.empty());
    }
}
