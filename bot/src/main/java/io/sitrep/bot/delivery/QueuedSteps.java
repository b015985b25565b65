package io.sitrep.bot.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.DeliverySteps;
import io.sitrep.integrations.chat.IncidentRoom;

/**
 * The steps of a lane's first delivery, written to the queue as each message goes out, so a
 * retry on any replica skips it. The last message needs no mark: completing the delivery says it.
 * Before the delivery's first message ever goes out, the queue is told it has begun (one write
 * per delivery, not per message): from then on a message without a mark may be out all the same.
 */
final class QueuedSteps implements DeliverySteps {

    private final DeliveryQueue queue;
    private final DeliveryQueue.Lane lane;
    private final Clock clock;
    private final Instant startedBefore;
    private final int count;
    private final Set<Integer> done;
    /** As stored, with what this try wrote since. */
    private DeliveryQueue.Progress progress;
    /** The room's record given to {@link #keepRoom}, not yet written. */
    private IncidentRoom room;

    QueuedSteps(DeliveryQueue queue, DeliveryQueue.Queued head, DeliveryQueue.Lane lane, Clock clock) {
        this.queue = queue;
        this.lane = lane;
        this.clock = clock;
        this.progress = head.progress();
        this.startedBefore = head.startedAt();
        this.count = head.delivery().messages().size();
        this.done = new HashSet<>(head.stepsDone());
    }

    /** The progress of a try postponed until {@code at}: the messages out so far, and whether it began. */
    DeliveryQueue.Progress postponed(Instant at, String reason) {
        return progress.postponed(at, reason, done);
    }

    @Override
    public boolean done(int step) {
        return done.contains(step);
    }

    @Override
    public void markDone(int step) {
        if (done.add(step) && step < count - 1) {
            progress = progress.withSteps(done);
            queue.saveProgress(lane, progress, takeRoom());
        }
    }

    @Override
    public Optional<String> deliveryId() {
        return Optional.of(progress.id());
    }

    @Override
    public Optional<Instant> startedBefore() {
        return Optional.ofNullable(startedBefore);
    }

    @Override
    public void sending() {
        if (progress.startedAt() == null) {
            progress = progress.started(clock.instant());
            queue.saveProgress(lane, progress, takeRoom());
        }
    }

    @Override
    public boolean keepRoom(IncidentRoom room) {
        this.room = room;
        return true;
    }

    /** The room's record still to write with the next stored step, if any; it is the caller's to write now. */
    IncidentRoom takeRoom() {
        IncidentRoom taken = room;
        room = null;
        return taken;
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
