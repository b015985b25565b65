package io.sitrep.bot.followup;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sitrep.incident.FollowUp;
import io.sitrep.incident.Incident;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.Audience;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryMessage;
import io.sitrep.integrations.chat.Outbox;

import redis.clients.jedis.UnifiedJedis;

/**
 * When a tracker is first configured, the open follow-ups made before it (none of which was
 * queued for it) are queued once: a mark per tracker in Redis says it was done. Replicas
 * starting together may both queue them; the lane makes each issue once all the same.
 */
public final class TrackerBackfill {

    private static final Logger log = LoggerFactory.getLogger(TrackerBackfill.class);

    private final IncidentStore store;
    private final Outbox outbox;
    private final UnifiedJedis redis;
    private final String lane;

    public TrackerBackfill(IncidentStore store, Outbox outbox, UnifiedJedis redis, String lane) {
        this.store = store;
        this.outbox = outbox;
        this.redis = redis;
        this.lane = lane;
    }

    /** @return how many follow-ups were queued now */
    public int runOnce() {
        String mark = "sitrep:followups:backfilled:" + lane;
        if (redis.exists(mark)) {
            return 0;
        }
        int queued = 0;
        for (Incident incident : store.findAll()) {
            List<DeliveryMessage> messages = incident.postmortem().actions().stream()
                    .filter(a -> a.tracker() == null && a.status() == FollowUp.Status.OPEN)
                    .map(a -> new DeliveryMessage(new Audience.Pager(lane, a.id(incident.id())),
                            "Track " + a.id(incident.id()) + ": " + a.text()))
                    .toList();
            if (!messages.isEmpty()) {
                outbox.send(Delivery.fromWatcher(Watcher.PAGER, incident.id(), messages, false));
                queued += messages.size();
            }
        }
        redis.set(mark, Integer.toString(queued));
        if (queued > 0) {
            log.info("Queued {} follow-ups made before {} was set up, to get their issues", queued, lane);
        }
        return queued;
    }
}
