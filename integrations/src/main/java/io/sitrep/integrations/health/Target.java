package io.sitrep.integrations.health;

/**
 * Something whose health is watched: a probed URL, a cluster node, a service's pods.
 *
 * @param name    unique among all sources ({@code login-eu}, {@code node/platform-node-7})
 * @param service the service it belongs to, or null
 * @param node    the node it runs on, or null
 */
public record Target(String name, String service, String node) {

    public Target {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a health target needs a name");
        }
    }
}
