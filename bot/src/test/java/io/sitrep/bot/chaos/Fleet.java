package io.sitrep.bot.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** The replicas of one run, and the one a client reaches next: a random replica among those answering. */
final class Fleet {

    private final List<Replica> replicas;

    Fleet(List<Replica> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    List<Replica> all() {
        return replicas;
    }

    Replica get(int index) {
        return replicas.get(index);
    }

    int size() {
        return replicas.size();
    }

    /** A running replica, as a load balancer that only sends to ready replicas would pick; empty when none is. */
    Optional<Replica> pick(SplittableRandom random) {
        List<Replica> running = replicas.stream().filter(Replica::running).toList();
        if (running.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(running.get(random.nextInt(running.size())));
    }

    /** How many replicas are not serving now: dead, frozen, or still starting. */
    long impaired() {
        return replicas.stream().filter(r -> !r.running()).count();
    }

    /** Starts every replica (each clock skewed by {@code skews}) and waits until all are ready. */
    void startAll(long[] skews, Duration within) {
        for (int i = 0; i < replicas.size(); i++) {
            replicas.get(i).start(skews[i]);
        }
        for (Replica replica : replicas) {
            if (!replica.awaitReady(within)) {
                throw new IllegalStateException(replica + " did not become ready; see its log");
            }
        }
    }
}
