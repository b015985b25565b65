package io.sitrep.bot.wiring;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.sitrep.bot.health.HealthView;
import io.sitrep.bot.metrics.SitrepMetrics;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.DeliveryQueue;

/** Sitrep's series in {@code /actuator/prometheus} on the management port (behind the API token). */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean(destroyMethod = "close")
    SitrepMetrics sitrepMetrics(MeterRegistry registry, IncidentStore store, HealthView health, Clock clock,
                                DeliveryQueue deliveries, ObjectProvider<ChatGateway> gateways, RedisRuntime redis) {
        return new SitrepMetrics(registry, store, health, clock, deliveries,
                gateways.orderedStream().filter(ChatGateway::durable).map(ChatGateway::platform).toList(),
                () -> redis.connection().counter().roundTrips(), Duration.ofSeconds(10));
    }
}
