package io.sitrep.bot.delivery;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.DeliverySteps;

/**
 * The steps of a lane's first delivery, written to the queue as each message goes out, so a
 * retry on any replica skips it. The last message needs no mark: completing the delivery says it.
 */
final class QueuedSteps implements DeliverySteps {

    private final DeliveryQueue queue;
    private final DeliveryQueue.Lane lane;
    private final DeliveryQueue.Progress progress;
    private final int count;
    private final Set<Integer> done;

    QueuedSteps(DeliveryQueue queue, DeliveryQueue.Queued head, DeliveryQueue.Lane lane) {
        this.queue = queue;
        this.lane = lane;
        this.progress = head.progress();
        this.count = head.delivery().messages().size();
        this.done = new HashSet<>(head.stepsDone());
    }

    /** The steps out so far, for a postponement to keep. */
    Set<Integer> doneSoFar() {
        return Set.copyOf(done);
    }

    @Override
    public boolean done(int step) {
        return done.contains(step);
    }

    @Override
    public void markDone(int step) {
        if (done.add(step) && step < count - 1) {
            queue.saveProgress(lane, progress.withSteps(done));
        }
    }

    /** From the delivery's id, so every try of one message carries the same one (digits, as Discord wants). */
    @Override
    public Optional<String> nonce(int step) {
        try {
            UUID uuid = UUID.fromString(progress.id());
            return Optional.of(Long.toUnsignedString((uuid.getLeastSignificantBits() ^ uuid.getMostSignificantBits()) + step));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
