package io.sitrep.bot.text;

import java.util.Locale;

/** Names of incident channels, valid on every platform. */
public final class ChannelNames {

    /** Slack's limit for channel names, the strictest of the platforms. */
    private static final int MAX_CHANNEL_NAME = 80;

    private ChannelNames() {
    }

    /** {@code inc-7-connectme-login-failures}: lower case, words joined by dashes, bounded. */
    public static String forIncident(long number, String title) {
        String slug = title.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        String prefix = "inc-" + number;
        String name = slug.isEmpty() ? prefix : prefix + "-" + slug;
        if (name.length() > MAX_CHANNEL_NAME) {
            name = name.substring(0, MAX_CHANNEL_NAME).replaceAll("-+$", "");
        }
        return name;
    }
}
