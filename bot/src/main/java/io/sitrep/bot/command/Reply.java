package io.sitrep.bot.command;

import java.util.ArrayList;
import java.util.List;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.ChatFile;
import io.sitrep.integrations.chat.MessageAction;

/**
 * What a command says, and where. A post without a channel goes back to where the command was
 * typed; {@code invite} is a channel the caller should now be in, {@code file} a document for them.
 */
record Reply(IncidentId incident, List<Post> posts, String invite, ChatFile file) {

    record Post(String channel, String text, List<MessageAction> actions) {
        Post(String channel, String text) {
            this(channel, text, List.of());
        }
    }

    static Builder about(IncidentId incident) {
        return new Builder(incident);
    }

    static Reply text(String text) {
        return new Reply(null, List.of(new Post(null, text)), null, null);
    }

    static final class Builder {
        private final IncidentId incident;
        private final List<Post> posts = new ArrayList<>();
        private String invite;
        private ChatFile file;

        private Builder(IncidentId incident) {
            this.incident = incident;
        }

        Builder toCaller(String text) {
            posts.add(new Post(null, text));
            return this;
        }

        Builder to(String channel, String text) {
            posts.add(new Post(channel, text));
            return this;
        }

        /** A post offering one-click answers where the platform has buttons. */
        Builder to(String channel, String text, List<MessageAction> actions) {
            posts.add(new Post(channel, text, actions));
            return this;
        }

        Builder invite(String channel) {
            this.invite = channel;
            return this;
        }

        Builder file(ChatFile document) {
            this.file = document;
            return this;
        }

        Reply build() {
            return new Reply(incident, List.copyOf(posts), invite, file);
        }
    }
}
