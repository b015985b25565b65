package io.sitrep.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sitrep.permissions.*}: who may do everything. Each admin is a platform user id (Slack
 * {@code U0ALICE}, a Discord id) or a name (the console's {@code $USER}, the HTTP API's
 * {@code user}).
 */
@ConfigurationProperties("sitrep.permissions")
public record PermissionSettings(List<String> admins) {

    public PermissionSettings {
        admins = admins == null ? List.of() : admins.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    public static PermissionSettings none() {
        return new PermissionSettings(List.of());
    }
}
