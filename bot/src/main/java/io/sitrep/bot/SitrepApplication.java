package io.sitrep.bot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sitrep: a chat-ops incident bot. */
@SpringBootApplication(scanBasePackages = "io.sitrep")
@ConfigurationPropertiesScan("io.sitrep.config")
public class SitrepApplication {

    public static void main(String[] args) {
        SpringApplication.run(SitrepApplication.class, args);
    }
}
