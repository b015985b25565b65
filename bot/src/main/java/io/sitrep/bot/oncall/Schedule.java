package io.sitrep.bot.oncall;

import java.time.ZoneId;
import java.util.List;

/**
 * Who is on call for one team: layers in order, a later layer overriding earlier ones where it
 * has someone, all handing off in {@code zone}.
 *
 * @param slackUsergroup a Slack user group to keep in step with who is on call, or null
 * @param discordRole    a Discord role (its id) to keep in step with who is on call, or null
 * @param file           where it was read from, for messages
 */
public record Schedule(String id, String name, ZoneId zone, List<Layer> layers, String slackUsergroup,
                       String discordRole, String file) {

    public Schedule {
        layers = List.copyOf(layers);
    }

    /** A schedule without a Discord role. */
    public Schedule(String id, String name, ZoneId zone, List<Layer> layers, String slackUsergroup, String file) {
        this(id, name, zone, layers, slackUsergroup, null, file);
    }

    /** Everyone who takes turns in any layer, in order of first appearance. */
    public List<String> people() {
        return layers.stream().flatMap(l -> l.people().stream()).distinct().toList();
    }
}
