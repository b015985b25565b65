package io.sitrep.bot.wiring;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.config.AlertSettings;
import io.sitrep.config.ApiSettings;
import io.sitrep.integrations.http.ApiTokenFilter;

/** The bearer-token checks of the HTTP API and the webhooks. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiSettings settings) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(settings));
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Webhooks: Alertmanager sends {@code sitrep.alerts.token}, or the API token when that is unset. */
    @Bean
    FilterRegistrationBean<ApiTokenFilter> hookTokenFilter(ApiSettings api, AlertSettings alerts) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
                new ApiTokenFilter(alerts.tokenOr(api.token()), "sitrep.alerts.token"));
        registration.addUrlPatterns("/hooks/*");
        return registration;
    }
}
