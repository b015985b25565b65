package io.sitrep.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.status.*} for the status page's mail subscribers: how fast posts are mailed to
 * them, how often the subscribe form may be used, how long a subscription waits for its
 * confirmation, and the lease on a chunk of a fan-out (a replica that dies holding one leaves it
 * to another after this).
 *
 * @param mailRate                mails per second each replica sends to subscribers
 * @param subscribeLimitPerClient subscribe requests per hour from one client address (then 429)
 * @param subscribeLimitPerAddress confirmation mails per hour to one subscribed address
 * @param confirmWithin           how long an unconfirmed subscription is kept
 * @param fanoutLease             how long a claimed chunk of recipients stays with its replica
 * @param fanoutChunk             recipients claimed at once, sent over one SMTP connection
 */
@ConfigurationProperties("sitrep.status")
public record SubscriberSettings(@DefaultValue("10") double mailRate,
                                 @DefaultValue("10") int subscribeLimitPerClient,
                                 @DefaultValue("3") int subscribeLimitPerAddress,
                                 @DefaultValue("48h") Duration confirmWithin,
                                 @DefaultValue("2m") Duration fanoutLease,
                                 @DefaultValue("50") int fanoutChunk) {

    public SubscriberSettings {
        if (!(mailRate > 0)) {
            throw new IllegalArgumentException("sitrep.status.mail-rate must be above 0, not " + mailRate);
        }
        if (fanoutChunk < 1) {
            throw new IllegalArgumentException("sitrep.status.fanout-chunk must be at least 1");
        }
    }

    public static SubscriberSettings defaults() {
        return new SubscriberSettings(10, 10, 3, Duration.ofHours(48), Duration.ofMinutes(2), 50);
    }
}
