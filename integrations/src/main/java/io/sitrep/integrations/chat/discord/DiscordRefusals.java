package io.sitrep.integrations.chat.discord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.integrations.chat.ChatCommand;

/**
 * What Discord refused in one delivery, logged; a missing permission is also told, by name, to
 * the person whose command it was, and so is any refusal that left them without their channel.
 */
final class DiscordRefusals {

    private static final Logger log = LoggerFactory.getLogger(DiscordRefusals.class);

    private final CallerReplies callers;
    private final ChatCommand caller;

    /** @param caller the command the delivery answers, as it carries it; null for watchers */
    DiscordRefusals(CallerReplies callers, ChatCommand caller) {
        this.callers = callers;
        this.caller = caller;
    }

    /** @param alwaysTell whether to tell the caller even without a missing permission (their channel was not made) */
    void refused(String consequence, DiscordRest.Refused e, boolean alwaysTell) {
        log.warn("{}: {}", consequence, e.getMessage());
        if (e.missingPermission().isPresent()) {
            callers.tell(caller, "✗ " + DiscordText.escape(consequence + ": " + e.getMessage() + ". An admin can "
                    + "grant it to Sitrep's role (Server Settings → Roles) or on the incidents category."));
        } else if (alwaysTell) {
            callers.tell(caller, "✗ " + DiscordText.escape(consequence + ": " + e.getMessage()));
        }
    }
}
