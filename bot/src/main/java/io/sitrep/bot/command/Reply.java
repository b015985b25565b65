package io.sitrep.bot.command;

import java.util.ArrayList;
import java.util.List;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.ChatFile;
import io.sitrep.integrations.chat.MessageAction;

/**
 * What a command says, and where. A post without a channel goes back to where the command was
 * typed; {@code told} is what the command's changes told others (queued with them already, and
 * shown after the answer where nothing else delivers it: the console, the API); {@code invite}
 * is a channel the caller should now be in, {@code file} a document for them.
 */
public record Reply(IncidentId incident, List<Post> posts, List<Post> told, String invite, ChatFile file) {

    public record Post(String channel, String text, List<MessageAction> actions) {
        public Post(String channel, String text) {
            this(channel, text, List.of());
        }
    }

    public static Builder about(IncidentId incident) {
        return new Builder(incident);
    }

    public static Reply text(String text) {
        return new Reply(null, List.of(new Post(null, text)), List.of(), null, null);
    }

    public static final class Builder {
        private final IncidentId incident;
        private final List<Post> posts = new ArrayList<>();
        private final List<Post> told = new ArrayList<>();
        private String invite;
        private ChatFile file;

        private Builder(IncidentId incident) {
            this.incident = incident;
        }

        public Builder toCaller(String text) {
            posts.add(new Post(null, text));
            return this;
        }

        public Builder to(String channel, String text) {
            posts.add(new Post(channel, text));
            return this;
        }

        /** A post offering one-click answers where the platform has buttons. */
        public Builder to(String channel, String text, List<MessageAction> actions) {
            posts.add(new Post(channel, text, actions));
            return this;
        }

        /** What a change of the command told others, as written; in the order of the changes. */
        public Builder told(Written change) {
            told.addAll(change.told());
            return this;
        }

        public Builder invite(String channel) {
            this.invite = channel;
            return this;
        }

        public Builder file(ChatFile document) {
            this.file = document;
            return this;
        }

        public Reply build() {
            return new Reply(incident, List.copyOf(posts), List.copyOf(told), invite, file);
        }
    }
}
