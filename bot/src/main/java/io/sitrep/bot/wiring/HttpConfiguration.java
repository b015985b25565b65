package io.sitrep.bot.wiring;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.sitrep.config.ApiSettings;
import io.sitrep.integrations.http.ApiTokenFilter;

/** The HTTP API's bearer-token check. */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiSettings settings) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(settings));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
