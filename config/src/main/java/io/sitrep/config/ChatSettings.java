package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.chat.*}: platform-neutral chat settings. The stakeholder channel is where
 * status posts go on platforms without a channel of their own (the console, the HTTP API);
 * {@code archive-rooms} puts an incident's own channels away once it is closed or cancelled.
 */
@ConfigurationProperties("sitrep.chat")
public record ChatSettings(@DefaultValue("stakeholders") String stakeholderChannel,
                           @DefaultValue("true") boolean archiveRooms) {
}
