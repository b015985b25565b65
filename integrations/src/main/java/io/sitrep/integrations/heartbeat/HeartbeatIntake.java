package io.sitrep.integrations.heartbeat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where heartbeats go once the webhook has them; the application implements it. */
public interface HeartbeatIntake {

    /**
     * One beat of {@code name}, now.
     *
     * @return when the next beat is due, or empty when no heartbeat has that name
     */
    Optional<Instant> beat(String name);

    /** The names of the heartbeats expected, for an answer to a name that is none of them. */
    List<String> names();
}
