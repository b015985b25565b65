package io.sitrep.integrations.chat;

/** A channel on one chat platform: {@code console/inc-1-api-down}, {@code slack/C0123}. */
public record ChannelRef(String platform, String id) {

    public ChannelRef {
        if (platform == null || platform.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a channel needs a platform and an id");
        }
    }

    /** Another channel on the same platform. */
    public ChannelRef sibling(String otherId) {
        return new ChannelRef(platform, otherId);
    }
}
