package io.sitrep.integrations.chat.discord;

import java.util.Map;

/**
 * One use of {@code /incident} as Discord delivers it, stripped of JDA: the subcommand (and its
 * group, for {@code runbook step}) and each option given, by name. A user option's value is
 * already the person's name.
 *
 * @param group null for a plain subcommand
 */
record SlashInvocation(String group, String subcommand, Map<String, String> options) {

    SlashInvocation {
        options = Map.copyOf(options);
    }

    /** {@code runbook step}, or {@code declare}. */
    String path() {
        return group == null ? subcommand : group + " " + subcommand;
    }
}
