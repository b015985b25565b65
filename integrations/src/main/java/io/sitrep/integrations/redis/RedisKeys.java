package io.sitrep.integrations.redis;

import io.sitrep.incident.IncidentId;

/**
 * The key layout. Every key of one incident carries its id as a hash tag ({@code {INC-7}}), so
 * on Redis Cluster they share a slot and one script can write them all atomically. The global
 * keys are indexes only: updated idempotently after the incident's own write, and rebuilt from
 * the incidents by {@link RedisIncidentStore#rebuildIndexes()}. The public-incidents index keeps
 * its keys in the {@code {status}} slot ({@link RedisPublicIndex}).
 */
final class RedisKeys {

    static final String PREFIX = "sitrep:";
    /** The last id handed out. */
    static final String ID_COUNTER = PREFIX + "incident-seq";
    /** Set of ids of incidents neither closed nor cancelled. */
    static final String OPEN = PREFIX + "open";
    /** Hash: channel → id of the incident that owns it. */
    static final String CHANNELS = PREFIX + "channels";
    /** SCAN pattern that finds every incident record. */
    static final String ALL_INCIDENTS_PATTERN = PREFIX + "{INC-*}:incident";

    /** SCAN pattern that finds every incident's rooms. */
    static final String ALL_ROOMS_PATTERN = PREFIX + "{INC-*}:rooms";
    /** Sorted set: incident id → epoch millis when its reminder clock next needs attention. */
    static final String REMINDERS_DUE = PREFIX + "{reminders}:due";
    /** Hash: incident id → the incident version that last set its due time. */
    static final String REMINDERS_VERSIONS = PREFIX + "{reminders}:versions";
    /** Hash: a watcher's key ({@code alert:<fingerprint>}, {@code health:<target>}) → the incident it opened. */
    static final String LINKS = PREFIX + "links";
    /** String: the id of the incident that collects the alert storm (same slot as its claim). */
    static final String STORM = PREFIX + "{storm}:incident";
    /** Field of {@link #LINKS} where versions before {@link #STORM} kept the storm link; carried over there once. */
    static final String OLD_STORM_LINK = "alert:storm";
    /** String: the token of whoever is declaring the storm incident, expiring should they never link it. */
    static final String STORM_CLAIM = PREFIX + "{storm}:claim";
    /** Hash: target name → its confirmed health status as JSON (same slot as the health-watch lease). */
    static final String HEALTH_TARGETS = PREFIX + "{health}:targets";
    /** Hash: health source name → how its last poll went, as JSON. */
    static final String HEALTH_SOURCES = PREFIX + "{health}:sources";
    /** SCAN pattern that finds every delivery lane ({@code sitrep:{INC-7}:outbox:slack}). */
    static final String ALL_OUTBOX_LANES_PATTERN = PREFIX + "{INC-*}:outbox:*";
    /** Set of the platforms deliveries were ever queued for (each has a due set). */
    static final String OUTBOX_PLATFORMS = PREFIX + "{outbox}:platforms";
    /** Set of claimed lanes that were given more deliveries while claimed: due again at release. */
    static final String OUTBOX_AGAIN = PREFIX + "{outbox}:again";
    /** Hash: a Slack or Discord user id → the name last seen for it. */
    static final String PEOPLE = PREFIX + "people";
    /** Hash: heartbeat name → epoch millis of its last beat (all heartbeat keys share the {@code {heartbeat}} slot). */
    static final String HEARTBEAT_LAST = PREFIX + "{heartbeat}:last";
    /**
     * Hash: heartbeat name → its silence's marker while it is silent: {@code pending:<millis>:<token>}
     * while an incident is being opened for it, then the incident's id; removed when it beats.
     */
    static final String HEARTBEAT_SILENT = PREFIX + "{heartbeat}:silent";
    /** String: epoch millis of Sitrep's first start on this Redis, where a heartbeat never seen is counted from. */
    static final String HEARTBEAT_SINCE = PREFIX + "{heartbeat}:since";
    /** Hash: incident id → the insights' summary of it as JSON (its figures, kept as it changes). */
    static final String INSIGHTS_INCIDENTS = PREFIX + "{insights}:incidents";
    /** Sorted set: incident id → the revision its summary was last written at. */
    static final String INSIGHTS_CHANGED = PREFIX + "{insights}:changed";
    /** String: the last revision given to a summary's write. */
    static final String INSIGHTS_REVISION = PREFIX + "{insights}:revision";
    /** Prefix of the keys that remember delivered chat requests and Alertmanager's alerts ({@link RedisAlertMarks}). */
    static final String SEEN_PREFIX = PREFIX + "seen:";

    /**
     * Prefix of the status page's subscriber keys ({@link RedisSubscribers}): all in the
     * {@code {subscribers}} slot, so one script touches a subscription, its indexes and a fan-out.
     */
    static final String SUBSCRIBERS = PREFIX + "{subscribers}:";

    private RedisKeys() {
    }

    /** A lease: one string key holding its holder, with an expiry. */
    static String lease(String name) {
        return PREFIX + "lease:" + name;
    }

    /** Hash with fields {@code version} and {@code json}. */
    static String incident(IncidentId id) {
        return PREFIX + "{" + id + "}:incident";
    }

    /** Stream of timeline entries, one field {@code entry} holding the entry's JSON. */
    static String timeline(IncidentId id) {
        return PREFIX + "{" + id + "}:timeline";
    }

    // Releases before the public-incidents index also kept a stream of change events per incident,
    // sitrep:{INC-7}:changes (at most ~1000 entries each). Nothing reads or writes it any more; it
    // may be deleted at leisure.

    /** Sorted set: a platform's delivery lanes ({@code INC-7/slack}) → epoch millis when due, or the lease's end while claimed. */
    static String outboxDue(String platform) {
        return PREFIX + "{outbox}:due:" + platform;
    }

    /**
     * List: a token for each lane of {@code platform} newly made due (the lane's name), popped by
     * whichever replica has a worker idle; same slot as the due sets, so one script marks a lane
     * due and pushes its token, and one BLPOP waits on every platform of a replica.
     */
    static String outboxWake(String platform) {
        return PREFIX + "{outbox}:wake:" + platform;
    }

    /** List: the incident's deliveries owed to {@code platform}, oldest first, each {@code <id>\n<json>}. */
    static String outbox(IncidentId id, String platform) {
        return PREFIX + "{" + id + "}:outbox:" + platform;
    }

    /** Hash: platform → how far the first delivery of that lane got (its id, attempts, messages out), as JSON. */
    static String outboxProgress(IncidentId id) {
        return PREFIX + "{" + id + "}:outbox";
    }

    /** List: the incident's deliveries that failed for good, newest first, as JSON (the latest 50). */
    static String outboxFailed(IncidentId id) {
        return PREFIX + "{" + id + "}:outbox-failed";
    }

    /** Hash: platform → the incident's room there, as JSON. */
    static String rooms(IncidentId id) {
        return PREFIX + "{" + id + "}:rooms";
    }

    /**
     * The status page's webhook subscribers and their fan-out records, all in the
     * {@code {status-webhooks}} slot so one script writes them together ({@link RedisStatusWebhooks}).
     */
    static final String STATUS_WEBHOOKS = PREFIX + "{status-webhooks}:";
}
