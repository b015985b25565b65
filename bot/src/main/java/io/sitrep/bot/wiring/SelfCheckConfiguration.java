package io.sitrep.bot.wiring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.bot.selfcheck.SelfCheck;
import io.sitrep.bot.selfcheck.SelfCheckHealth;
import io.sitrep.config.SelfCheckSettings;

/**
 * Sitrep watching its own loops; {@code selfCheck} is part of the liveness group, so a stalled
 * loop has the process restarted after its threads are logged.
 */
@Configuration(proxyBeanMethods = false)
class SelfCheckConfiguration {

    @Bean(destroyMethod = "close")
    SelfCheck sitrepSelfCheck(SelfCheckSettings settings) {
        SelfCheck check = new SelfCheck(settings);
        check.start();
        return check;
    }

    @Bean
    SelfCheckHealth selfCheck(SelfCheck check) {
        return new SelfCheckHealth(check);
    }
}
