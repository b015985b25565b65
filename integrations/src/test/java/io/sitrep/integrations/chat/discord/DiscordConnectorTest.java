package io.sitrep.integrations.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.sitrep.config.DiscordSettings;

@ExtendWith(OutputCaptureExtension.class)
class DiscordConnectorTest {

    private static final String TOKEN = "discord-secret-token";

    @Test
    void inNoGuildItLogsTheInviteUrlWithExactlyThePermissionsItUsesAndRegistersNothing(CapturedOutput output)
            throws Exception {
        try (FakeDiscord discord = new FakeDiscord().withoutGuild();
             DiscordConnector connector = new DiscordConnector(settings(discord), Clock.systemUTC())) {
            connector.awaitReady();

            await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().contains("Add it with"));
            assertThat(output.getAll()).contains("Sitrep is not in the Discord guild '" + FakeDiscord.GUILD_ID
                    + "' (it is in 0 guilds). Add it with https://discord.com/oauth2/authorize?client_id="
                    + FakeDiscord.BOT_ID + "&scope=applications.commands+bot&permissions=2251799813803024");
            assertThat(connector.inviteUrl()).endsWith("permissions=" + FakeDiscord.SITREP_PERMISSIONS);
            assertThat(discord.calls("PUT", ".*/commands")).isEmpty();
            assertThat(output.getAll()).as("the token is never logged").doesNotContain(TOKEN);
            assertThat(settings(discord).toString()).doesNotContain(TOKEN);
        }
    }

    private static DiscordSettings settings(FakeDiscord discord) {
        return new DiscordSettings(TOKEN, FakeDiscord.GUILD_ID, "status", "Incidents", discord.apiUrl(),
                discord.gatewayUrl(), "Incidents archive");
    }
}
