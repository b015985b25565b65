package io.sitrep.integrations.chat.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.dv8tion.jda.api.interactions.InteractionHook;

import io.sitrep.integrations.chat.ChatCommand;

/**
 * The private line back to whoever ran a Discord command, for what goes wrong after their
 * answer was sent: the gateway posts later, on its own thread, and when Discord refuses (a
 * permission Sitrep lacks) the person who asked should hear which one, not only the log.
 * Keyed by the very command object a delivery carries as its caller; an interaction's hook accepts
 * follow-ups for 15 minutes, so entries are dropped after 14.
 */
final class CallerReplies {

    private static final Logger log = LoggerFactory.getLogger(CallerReplies.class);
    private static final Duration HOOK_LIFETIME = Duration.ofMinutes(14);

    private record Entry(InteractionHook hook, Instant expires) {
    }

    private final Map<ChatCommand, Entry> hooks = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Clock clock;

    CallerReplies(Clock clock) {
        this.clock = clock;
    }

    void remember(ChatCommand command, InteractionHook hook) {
        Instant now = clock.instant();
        synchronized (hooks) {
            for (Iterator<Entry> it = hooks.values().iterator(); it.hasNext(); ) {
                if (it.next().expires().isBefore(now)) {
                    it.remove();
                }
            }
            hooks.put(command, new Entry(hook, now.plus(HOOK_LIFETIME)));
        }
    }

    /** Done with {@code caller} (the command, as a delivery carries it): its gateway work is over. */
    void forget(ChatCommand caller) {
        if (caller != null) {
            hooks.remove(caller);
        }
    }

    /** Tells the person who ran {@code command}, privately; false when they can't be reached any more. */
    boolean tell(ChatCommand caller, String discordText) {
        Entry entry = caller == null ? null : hooks.get(caller);
        if (entry == null || entry.expires().isBefore(clock.instant())) {
            return false;
        }
        entry.hook().sendMessage(discordText).setEphemeral(true).setAllowedMentions(Collections.emptyList())
                .queue(null, failure -> log.warn("Could not tell the caller: {}", failure.getMessage()));
        return true;
    }
}
