package io.sitrep.bot.chaos;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.sitrep.bot.SitrepApplication;

/**
 * Sitrep as a chaos run starts it: unchanged, except that its {@link Clock} runs
 * {@code -Dchaos.skew-ms} ahead (or behind, when negative) of this machine's, as a replica on a
 * host whose clock drifted would. The offset is applied to the one clock bean from outside the
 * application, so no setting or code path exists in Sitrep for it.
 */
public final class SkewedSitrep {

    private SkewedSitrep() {
    }

    public static void main(String[] args) {
        Duration skew = Duration.ofMillis(Long.getLong("chaos.skew-ms", 0));
        new SpringApplicationBuilder(SitrepApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        return bean instanceof Clock clock && !skew.isZero() ? Clock.offset(clock, skew) : bean;
                    }
                }))
                .run(args);
    }
}
