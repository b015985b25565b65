package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.console.*}: the local console chat. {@code enabled} left unset means "when
 * standard input is a terminal"; {@code user} is bound to the login name ({@code $USER}) by the application defaults.
 */
@ConfigurationProperties("sitrep.console")
public record ConsoleSettings(Boolean enabled, @DefaultValue("you") String user) {

    public boolean enabledFor(boolean stdinIsTerminal) {
        return enabled == null ? stdinIsTerminal : enabled;
    }
}
