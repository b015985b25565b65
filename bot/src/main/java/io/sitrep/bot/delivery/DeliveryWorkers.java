package io.sitrep.bot.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.bot.selfcheck.LoopProgress;
import io.sitrep.config.DeliverySettings;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.ChatGateway;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.DeliveryQueue.Claim;
import io.sitrep.integrations.chat.DeliveryQueue.Lane;
import io.sitrep.integrations.chat.DeliveryQueue.Queued;
import io.sitrep.integrations.chat.DeliveryResult;
import io.sitrep.integrations.chat.PageReceipts;

/**
 * The threads that send what the queue owes, on every replica. A worker claims one lane (an
 * incident on a platform) at a time and sends its deliveries in order until the lane is empty
 * or its platform fails; then the lane waits, with a backoff kept in the queue, so a restart or
 * another replica carries on from the same place. Idle workers do not poll: one listener per
 * replica waits on the queue's signal while a worker is free, and wakes a worker for each lane
 * made due anywhere, for a retry of its own when its backoff ends, and every poll interval all
 * the same (a retry left by another replica, a lease run out, a signal lost).
 */
public final class DeliveryWorkers implements AutoCloseable {

    /** Told how deliveries went, for metrics. */
    public interface Listener {
        void delivered(String platform, Duration sinceTaken, int failures);

        void postponed(String platform);

        Listener NONE = new Listener() {
            @Override
            public void delivered(String platform, Duration sinceTaken, int failures) {
            }

            @Override
            public void postponed(String platform) {
            }
        };
    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration TROUBLE_EVERY = Duration.ofSeconds(30);
    /** How often lanes a crash may have left unmarked are looked for (a SCAN of the keyspace). */
    private static final Duration RECOVER_EVERY = Duration.ofMinutes(10);

    private final DeliveryQueue queue;
    private final Map<String, ChatGateway> gateways;
    private final CallerRequests callers;
    private final Clock clock;
    private final DeliverySettings settings;
    private final Listener listener;
    private final IdleWorkers idle;
    private DeliveryQueue.WorkSignal signal;
    private volatile LoopProgress progress = LoopProgress.unwatched("delivery");
    private volatile PageReceipts pageReceipts = PageReceipts.NONE;
    private final List<Thread> threads = new ArrayList<>();
    /**
     * The lanes this replica's workers hold now, with their current claims. A heartbeat renews
     * them every third of a lease, so a platform call that hangs for longer than a lease (three
     * tries at Slack's ten-second read timeout) does not let another replica send the same
     * delivery meanwhile; a lane whose renewal failed is dropped from here, and its worker stops.
     */
    private final Map<Lane, Claim> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("delivery-leases"));
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(daemon("delivery-recovery"));
    private volatile boolean running;
    /** When an unreachable queue was last logged: once per {@link #TROUBLE_EVERY}, not every poll of every worker. */
    private volatile Instant lastQueueTrouble;

    DeliveryWorkers(DeliveryQueue queue, List<ChatGateway> gateways, CallerRequests callers, Clock clock,
                    DeliverySettings settings, Listener listener) {
        this.queue = queue;
        this.gateways = gateways.stream().filter(ChatGateway::durable)
                .collect(Collectors.toUnmodifiableMap(ChatGateway::platform, Function.identity()));
        this.callers = callers;
        this.clock = clock;
        this.settings = settings;
        this.listener = listener;
        this.idle = new IdleWorkers(settings.workers());
    }

    public synchronized void start() {
        if (running || gateways.isEmpty()) {
            return;
        }
        running = true;
        long renewEvery = Math.max(100, settings.lease().toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewHeld, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        // On a thread of its own: a long SCAN must never hold up the lease renewals.
        recovery.scheduleWithFixedDelay(this::recoverLanes, 0, RECOVER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 1; i <= settings.workers(); i++) {
            Thread thread = daemon("delivery-" + i).newThread(this::run);
            threads.add(thread);
            thread.start();
        }
        signal = queue.workSignal(gateways.keySet());
        Thread wakeListener = daemon("delivery-wake").newThread(this::listen);
        threads.add(wakeListener);
        wakeListener.start();
    }

    /**
     * Told of each page notification a delivery given up on still owed (set at wiring, before
     * {@code start}), so the timeline says it never went out and the page escalates at once.
     */
    public void reportGivenUpPagesTo(PageReceipts receipts) {
        this.pageReceipts = receipts;
    }

    /** Each poll is reported to the self-check (set at wiring, before {@code start}). */
    public void reportTo(LoopProgress loop) {
        this.progress = loop;
    }

    /** A worker looks now. */
    private void wake() {
        idle.wake();
    }

    /**
     * While a worker is free, waits for the queue to say a lane came due (or the poll interval
     * to pass) and wakes it; a signal is never taken for a replica whose workers are all busy.
     */
    private void listen() {
        while (running) {
            try {
                progress.round();
                if (idle.awaitFree(settings.pollInterval())) {
                    signal.await(settings.pollInterval());
                    wake();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("The delivery wake-up listener failed; it carries on: {}", e.getMessage());
            }
        }
    }

    private void run() {
        while (running) {
            try {
                idle.awaitWakeUp();
                progress.run(this::workUntilNothingIsDue);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Redis away: the queue keeps everything; look again at the next poll (and say so now and then).
                Instant now = clock.instant();
                if (lastQueueTrouble == null || Duration.between(lastQueueTrouble, now).compareTo(TROUBLE_EVERY) >= 0) {
                    lastQueueTrouble = now;
                    log.warn("Delivery workers could not reach the queue: {}", e.getMessage());
                }
            }
        }
    }

    private void workUntilNothingIsDue() {
        DeliveryQueue.Claims claims = queue.claimDue(gateways.keySet(), clock.instant(), 1, settings.lease());
        while (running && !claims.lanes().isEmpty()) {
            if (claims.moreDue()) {
                wake(); // let an idle worker take the others meanwhile
            }
            claims = work(claims.lanes().get(0), claims.firstHead());
        }
    }

    /**
     * Sends the lane's deliveries in order, then gives the lane back (unless its lease was lost
     * meanwhile) and, in the same call, claims the next lane due. {@code head} is the lane's
     * first delivery where the claim read it in the same step, else null (it is read here).
     */
    private DeliveryQueue.Claims work(Claim claim, Optional<Queued> head) {
        Lane lane = claim.lane();
        held.put(lane, claim);
        Tried last;
        try {
            last = sendInOrder(lane, head);
        } catch (RuntimeException e) {
            held.remove(lane);
            log.warn("Delivering to {} for {} stopped: {}; the lane is taken up again when its lease ends",
                    lane.platform(), lane.incident(), e.getMessage());
            return DeliveryQueue.Claims.none(); // releasing would fail too; the lease ends by itself
        }
        if (last.released() != null) {
            return last.released(); // given back with the last completion, the next lane claimed
        }
        Instant nextDue = last.retryAt();
        Claim current = held.remove(lane);
        Instant now = clock.instant();
        if (current == null) {
            log.warn("Lost the delivery lane {} to another worker; it carries on from here", lane);
            return queue.claimDue(gateways.keySet(), now, 1, settings.lease());
        }
        DeliveryQueue.Claims next = queue.releaseAndClaim(current, nextDue, gateways.keySet(), now, settings.lease());
        wakeAt(nextDue, now);
        return next;
    }

    /**
     * Sends the lane's deliveries while it holds any and its platform takes them: when to look
     * again (retryAt, or none), or — the lane given back with its last completion — the lanes
     * claimed instead.
     */
    private Tried sendInOrder(Lane lane, Optional<Queued> claimedHead) {
        Optional<Queued> head = claimedHead != null ? claimedHead : queue.head(lane);
        while (running && held.containsKey(lane) && head.isPresent()) {
            Instant now = clock.instant();
            Queued queued = head.get();
            if (queued.retryAt() != null && queued.retryAt().isAfter(now)) {
                return Tried.postponedTo(queued.retryAt());
            }
            // Claims are only ever for this replica's platforms, so the gateway is here.
            Tried tried = send(gateways.get(lane.platform()), lane, queued, now);
            if (tried.retryAt() != null || tried.released() != null) {
                return tried;
            }
            head = tried.next();
        }
        return Tried.done(Optional.empty());
    }

    /**
     * What one try left: the lane's next delivery once this one is done with, or when to try this
     * one again, or — the lane left empty and given back in the same step — the lanes claimed next.
     */
    private record Tried(Optional<Queued> next, Instant retryAt, DeliveryQueue.Claims released) {
        static Tried done(Optional<Queued> next) {
            return new Tried(next, null, null);
        }

        static Tried postponedTo(Instant retryAt) {
            return new Tried(Optional.empty(), retryAt, null);
        }
    }

    /** A retry of this replica's is due then: a worker looks at once, not at the next poll. */
    private void wakeAt(Instant due, Instant now) {
        if (due != null && running) {
            try {
                heartbeat.schedule(this::wake, Math.max(0, Duration.between(now, due).toMillis()), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // Stopping: the lane is due in the queue all the same.
            }
        }
    }

    /** Finds lanes a crash left holding deliveries without being due (at start, then now and then). */
    private void recoverLanes() {
        try {
            int lanes = queue.recoverLanes(clock.instant());
            if (lanes > 0) {
                log.info("{} delivery lanes hold posts still owed; they are due now", lanes);
                wake();
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for delivery lanes left behind: {}", e.getMessage());
        }
    }

    /** Extends every lease held here; a lane another worker has taken since is let go. */
    private void renewHeld() {
        for (Lane lane : held.keySet()) {
            try {
                held.computeIfPresent(lane, (l, claim) ->
                        queue.renew(claim, clock.instant().plus(settings.lease())).orElse(null));
            } catch (RuntimeException e) {
                // Redis away: keep the claim; if the lease runs out meanwhile, the next renewal finds out.
                log.debug("Could not renew the delivery lease of {}: {}", lane, e.getMessage());
            }
        }
    }

    /** One try of the lane's first delivery. */
    private Tried send(ChatGateway gateway, Lane lane, Queued queued, Instant now) {
        if (Duration.between(queued.takenAt(), now).compareTo(settings.giveUpAfter()) > 0) {
            String why = "gave up after " + settings.giveUpAfter().toHours() + " h of failures"
                    + (queued.lastError() == null ? "" : " (last: " + queued.lastError() + ")");
            log.error("A delivery of {} to {} {}", lane.incident(), lane.platform(), why);
            Optional<Queued> next = queue.completeAndHead(lane, queued.id(), List.of(why), now);
            listener.delivered(lane.platform(), Duration.between(queued.takenAt(), now), 1);
            givenUpNotifications(lane, queued, why);
            return Tried.done(next);
        }
        DeliveryResult result;
        QueuedSteps steps = new QueuedSteps(queue, queued, lane, clock);
        try {
            result = gateway.deliver(queued.delivery().withCaller(callers.find(queued.id())), steps);
        } catch (RuntimeException e) {
            result = new DeliveryResult.Postponed(null, e.getMessage());
        }
        Instant after = clock.instant();
        if (result instanceof DeliveryResult.Delivered delivered) {
            return completed(lane, queued, delivered.failures(), after, steps.takeRoom());
        }
        DeliveryResult.Postponed postponed = (DeliveryResult.Postponed) result;
        int attempts = queued.attempts() + 1;
        Duration wait = postponed.after() != null ? postponed.after() : backoff(attempts);
        Instant retryAt = after.plus(wait);
        log.info("Posting {} to {} failed ({}); try {} is at {}", lane.incident(), lane.platform(), postponed.reason(),
                attempts + 1, retryAt);
        queue.saveProgress(lane, steps.postponed(retryAt, postponed.reason()), steps.takeRoom());
        listener.postponed(lane.platform());
        return Tried.postponedTo(retryAt);
    }

    /** The page notifications of the lane's platform that {@code queued} had not sent, told as failed. */
    private void givenUpNotifications(Lane lane, Queued queued, String why) {
        List<DeliveryMessage> messages = queued.delivery().messages();
        for (int step = 0; step < messages.size(); step++) {
            DeliveryMessage message = messages.get(step);
            if (message.notifies() && !queued.stepsDone().contains(step) && onLane(message.audience(), lane.platform())) {
                pageReceipts.failed(lane.incident(), message.page(), message.audience(), why);
            }
        }
    }

    private static boolean onLane(Audience audience, String platform) {
        if (audience instanceof Audience.Person person) {
            return person.platform().wireName().equals(platform);
        }
        return audience instanceof Audience.Pager pager && pager.method().equals(platform);
    }

    /**
     * Completes the lane's first delivery and, where the queue can and that leaves the lane
     * empty, gives the lane back and claims the next one in the same step. The claim is out of
     * {@link #held} meanwhile, so no renewal changes its token under the call.
     */
    private Tried completed(Lane lane, Queued queued, List<String> failures, Instant after, IncidentRoom room) {
        Claim current = running ? held.remove(lane) : null;
        Tried tried;
        if (current == null) {
            tried = Tried.done(queue.completeAndHead(lane, queued.id(), failures, after, room));
        } else {
            DeliveryQueue.Completed completed = queue.completeAndRelease(current, queued.id(), failures, after, room,
                    gateways.keySet(), settings.lease());
            if (completed.released() == null) {
                held.put(lane, current);
            }
            tried = new Tried(completed.next(), null, completed.released());
        }
        listener.delivered(lane.platform(), Duration.between(queued.takenAt(), after), failures.size());
        return tried;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** 1, 2, 4 … seconds, up to the longest backoff. */
    Duration backoff(int attempts) {
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    /** Stops the workers; a lane held now is postponed or released by its worker, or taken up after its lease. */
    @Override
    public void close() {
        running = false;
        List<Thread> stopping;
        synchronized (this) {
            stopping = List.copyOf(threads);
            threads.clear();
        }
        stopping.forEach(Thread::interrupt);
        if (signal != null) {
            signal.close(); // the listener may be in a BLPOP, which an interrupt does not end
        }
        heartbeat.shutdownNow();
        recovery.shutdownNow();
        for (Thread thread : stopping) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
