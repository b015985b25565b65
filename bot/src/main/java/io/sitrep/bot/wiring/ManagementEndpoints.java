package io.sitrep.bot.wiring;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import io.sitrep.config.ApiSettings;
import io.sitrep.integrations.http.ApiTokenFilter;

/**
 * What the context serving {@code /actuator/*} needs of Sitrep: the metrics behind the API's
 * token, since they name incidents and targets (the probes stay open). Spring Boot imports this
 * into the management server's own context when it has a port of its own (the default), where
 * the application's filters do not reach, and into the application's when it shares the port
 * (listed in {@code META-INF/spring/…ManagementContextConfiguration.imports}).
 *
 * <p>Not a {@code @Configuration}: the application scans all of {@code io.sitrep}, which would
 * put this in the application's context as well.
 */
class ManagementEndpoints {

    @Bean
    FilterRegistrationBean<ApiTokenFilter> metricsTokenFilter(ApiSettings settings) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(settings));
        registration.addUrlPatterns("/actuator/prometheus");
        return registration;
    }
}
