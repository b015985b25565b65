package io.sitrep.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.mail.*}: the sender of Sitrep's mail (pages, subscriber posts, digests); the
 * server itself is Spring Boot's {@code spring.mail.*}.
 */
@ConfigurationProperties("sitrep.mail")
public record MailSettings(@DefaultValue("sitrep@localhost") String from) {
}
