package io.sitrep.bot.paging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sitrep.integrations.chat.discord.FakeDiscord;

/**
 * The on-call files the chat apps under test page from: a {@code payments} policy whose first
 * level is bob and carol (on Slack; carol on Discord too) and erin (on Discord only), and whose
 * second is dave; each level waits {@link #ESCALATE_AFTER_SECONDS} seconds. Only incidents of
 * the {@code payments} service page, so the chat tests of other services see no page at all.
 */
public final class ChatPagingFiles {

    public static final String SERVICE = "payments";
    public static final int ESCALATE_AFTER_SECONDS = 6;
    public static final String BOB = "U0BOB";
    public static final String CAROL = "U0CAROL";
    public static final String DAVE = "U0DAVE";

    private static Path dir;

    private ChatPagingFiles() {
    }

    /** The directory for {@code sitrep.oncall.dir}, written once per run. */
    public static synchronized String dir() {
        if (dir == null) {
            dir = write();
        }
        return dir.toString();
    }

    private static Path write() {
        try {
            Path written = Files.createTempDirectory("paging-oncall");
            Files.createDirectories(written.resolve("policies"));
            Files.writeString(written.resolve("people.yml"), """
                    people:
                      bob: { slack: %s }
                      carol: { slack: %s, discord: "%s" }
                      dave: { slack: %s }
                      erin: { discord: "%s" }
                    """.formatted(BOB, CAROL, FakeDiscord.userId("carol"), DAVE, FakeDiscord.userId("erin")));
            Files.writeString(written.resolve("policies/payments.yml"), """
                    id: payments
                    services: [%s]
                    levels:
                      - notify: [person:bob, person:carol, person:erin]
                        escalate-after: PT%dS
                      - notify: [person:dave]
                        escalate-after: PT%dS
                    """.formatted(SERVICE, ESCALATE_AFTER_SECONDS, ESCALATE_AFTER_SECONDS));
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
