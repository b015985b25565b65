package io.sitrep.bot.wiring;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.sitrep.bot.store.StoreWatch;
import io.sitrep.config.AlertSettings;
import io.sitrep.config.ApiSettings;
import io.sitrep.integrations.http.ApiTokenFilter;
import io.sitrep.integrations.http.InputGuardFilter;
import io.sitrep.integrations.http.JsonErrorReportValve;
import io.sitrep.integrations.http.StoreAwayInterceptor;

/**
 * The bearer-token checks of the HTTP API and the webhooks, what guards every request before
 * them, and the refusal of what would only wait on a store known to be away.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    /** The largest request body any endpoint takes. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    /** Size and Content-Type, before the token filters and before Bolt: nothing reads an oversized body. */
    @Bean
    FilterRegistrationBean<InputGuardFilter> inputGuardFilter() {
        FilterRegistrationBean<InputGuardFilter> registration = new FilterRegistrationBean<>(
                new InputGuardFilter(MAX_BODY_BYTES));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's page for requests it refuses itself (broken URL encoding) is JSON like every other error. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ApiSettings settings) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(settings));
        // /actuator/prometheus is guarded where the actuator is served: see ManagementEndpoints.
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** The insights page, also for a browser: the API token as a bearer, or as the password of HTTP Basic. */
    @Bean
    FilterRegistrationBean<ApiTokenFilter> insightsTokenFilter(ApiSettings settings) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
                new ApiTokenFilter(settings).orBasic());
        registration.addUrlPatterns("/insights", "/insights.json");
        return registration;
    }

    /**
     * The API's reads and the webhooks are answered 503 at once while the store is known to be
     * away; the command endpoint is left to the dispatcher, which answers it as any command.
     */
    @Bean
    WebMvcConfigurer storeAwayRefusal(StoreWatch store) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StoreAwayInterceptor(store)).addPathPatterns("/api/**", "/hooks/**")
                        .excludePathPatterns("/api/commands");
            }
        };
    }

    /**
     * Webhooks: Alertmanager sends {@code sitrep.alerts.token}, or the API token when that is unset;
     * GitHub and Jira cannot send one: GitHub signs each body and Jira sends a token in the URL,
     * each checked by its endpoint.
     */
    @Bean
    FilterRegistrationBean<ApiTokenFilter> hookTokenFilter(ApiSettings api, AlertSettings alerts) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(
                new ApiTokenFilter(alerts.tokenOr(api.token()), "sitrep.alerts.token", java.util.Set.of("/hooks/github", "/hooks/jira")));
        registration.addUrlPatterns("/hooks/*");
        return registration;
    }
}
