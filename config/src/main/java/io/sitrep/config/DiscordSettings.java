package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.discord.*}: Discord is on when a bot token is set. The guild is the one server
 * whose {@code /incident} command Sitrep registers and where incident channels are created.
 *
 * @param stakeholderChannel a channel id or name ({@code status} or {@code #status}); blank for none
 * @param incidentCategory   the category incident channels are created under, created if missing
 * @param apiUrl             Discord's REST base; tests point it at a local fake
 * @param gatewayUrl         blank for Discord's own gateway; a URL of your own (a test fake) is
 *                           spoken to in uncompressed JSON
 */
@ConfigurationProperties("sitrep.discord")
public record DiscordSettings(
        @DefaultValue("") String token,
        @DefaultValue("") String guildId,
        @DefaultValue("") String stakeholderChannel,
        @DefaultValue("Incidents") String incidentCategory,
        @DefaultValue("https://discord.com/api/v10/") String apiUrl,
        @DefaultValue("") String gatewayUrl,
        @DefaultValue("Incidents archive") String archiveCategory) {

    public boolean enabled() {
        return !token.isBlank();
    }

    @Override
    public String toString() {
        // Never the token: settings objects end up in logs and error reports.
        return "DiscordSettings[enabled=" + enabled() + ", guildId=" + guildId + ", stakeholderChannel="
                + stakeholderChannel + ", incidentCategory=" + incidentCategory + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl + ", archiveCategory=" + archiveCategory + "]";
    }
}
