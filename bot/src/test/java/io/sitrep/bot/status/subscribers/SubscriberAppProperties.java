package io.sitrep.bot.status.subscribers;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.sitrep.integrations.redis.TestRedis;

/** What a running Sitrep with mail subscribers needs besides its fixed settings: a Redis database and an SMTP port. */
final class SubscriberAppProperties {

    private SubscriberAppProperties() {
    }

    /** The test Redis's {@code database}, of the app test context's own, and the test's SMTP server. */
    static void register(DynamicPropertyRegistry registry, int database, int smtpPort) {
        registry.add("sitrep.redis.url", () -> TestRedis.server().url() + "/" + database);
        registry.add("spring.mail.port", () -> smtpPort);
    }
}
