package io.sitrep.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sitrep.status.*}: the public status page. Each component is what customers know a
 * part of the service as ({@code ConnectMe (EU)}) and the service and region an incident
 * names; with none configured, components are made from each incident's service and region.
 */
@ConfigurationProperties("sitrep.status")
public record StatusSettings(@DefaultValue("Sitrep status") String title, List<Component> components) {

    /** @param region null for a component that covers every region of its service */
    public record Component(String name, String service, String region) {
    }

    public StatusSettings {
        components = components == null ? List.of() : List.copyOf(components);
    }

    public static StatusSettings defaults() {
        return new StatusSettings("Sitrep status", List.of());
    }
}
