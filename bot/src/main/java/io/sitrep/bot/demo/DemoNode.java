package io.sitrep.bot.demo;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.sitrep.integrations.health.HealthSource;
import io.sitrep.integrations.health.HealthState;
import io.sitrep.integrations.health.Observation;
import io.sitrep.integrations.health.SourceReport;
import io.sitrep.integrations.health.Target;

/**
 * The node of the founding incident, as a health source the story sets: answering, then
 * deadlocked, then restarted. Only what the node says is scripted; the health watch, its
 * confirmation, the board, the timeline entries and the resolve guard are Sitrep's own.
 */
public final class DemoNode implements HealthSource {

    public static final String NODE = "node-3";
    public static final String SERVICE = "connectme";
    public static final String REGION = "eu-west";

    private final Target target = new Target(NODE, SERVICE, NODE);
    private volatile boolean deadlocked;

    /** From now on the node accepts connections and never answers. */
    public void deadlock() {
        deadlocked = true;
    }

    /** The component was restarted: the node answers again. */
    public void restart() {
        deadlocked = false;
    }

    @Override
    public String name() {
        return "demo-node";
    }

    @Override
    public List<Target> targets() {
        return List.of(target);
    }

    @Override
    public CompletableFuture<SourceReport> poll() {
        Observation seen = deadlocked
                ? new Observation(target, HealthState.DOWN, "connected, but no answer within 2.0 s (hung?)")
                : new Observation(target, HealthState.HEALTHY, "answered 200 in 12 ms");
        return CompletableFuture.completedFuture(SourceReport.answered(List.of(seen)));
    }
}
