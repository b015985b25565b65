package io.sitrep.bot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/** Sitrep: a chat-ops incident bot. */
@SpringBootApplication(scanBasePackages = "io.sitrep")
@ConfigurationPropertiesScan("io.sitrep.config")
public class SitrepApplication {

    /**
     * Set (as {@code --sitrep.startup.exit-once-ready=true}) by the build's and the image's
     * training run, which records the classes a start loads into a class-data-sharing archive:
     * start up to ready, then shut down as on SIGTERM (the embedded Redis stopped, its lock given
     * back) and exit.
     */
    static final String EXIT_ONCE_READY = "sitrep.startup.exit-once-ready";

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(SitrepApplication.class, args);
        if (context.getEnvironment().getProperty(EXIT_ONCE_READY, Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
