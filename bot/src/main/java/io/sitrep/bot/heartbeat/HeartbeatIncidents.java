package io.sitrep.bot.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sitrep.bot.notice.Notices;
import io.sitrep.bot.notice.TriageDeclarer;
import io.sitrep.bot.text.Times;
import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentChange;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentWriter;
import io.sitrep.incident.Severity;
import io.sitrep.incident.TimelineEntry;
import io.sitrep.incident.TimelineKind;
import io.sitrep.incident.Watcher;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.paging.Paging;
import io.sitrep.incident.store.IncidentStore;

/**
 * The incidents silences open: TRIAGE, on the heartbeat watch's account, already paging the
 * heartbeat's policy (the monitoring that would page about everything else is what went quiet),
 * and the recovery told on the same incident when the heartbeat comes back. A person decides
 * whether it is over: nothing here resolves it.
 */
public final class HeartbeatIncidents {

    public static final Watcher SOURCE = Watcher.HEARTBEAT;

    private final TriageDeclarer triage;
    private final IncidentWriter writer;
    private final IncidentStore store;
    private final Notices notices;

    public HeartbeatIncidents(TriageDeclarer triage, IncidentWriter writer, IncidentStore store, Notices notices) {
        this.triage = triage;
        this.writer = writer;
        this.store = store;
        this.notices = notices;
    }

    static String title(String name) {
        return "Monitoring has gone quiet: heartbeat " + name + " missed";
    }

    /**
     * Opens the incident of a silence, its page requested with it.
     *
     * @param lastBeat the last beat, null when it never beat
     * @param since    where a heartbeat never seen is counted from
     */
    Incident open(ExpectedHeartbeats.Expected heartbeat, Instant lastBeat, Instant since, Instant now) {
        Instant quietFrom = lastBeat == null ? since : lastBeat;
        String reason = "heartbeat " + heartbeat.name() + " missed: "
                + (lastBeat == null ? "never seen since " + Times.format(since) : "last beat " + Times.format(lastBeat))
                + ", expected every " + Times.duration(heartbeat.every());
        Page page = Page.requested(Paging.NONE.nextId(), reason, SOURCE.wireName(), List.of(), heartbeat.policy(), now);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("heartbeat", heartbeat.name());
        data.put("every", heartbeat.every().toString());
        data.put("grace", heartbeat.grace().toString());
        data.put("policy", heartbeat.policy());
        if (lastBeat != null) {
            data.put("lastBeat", lastBeat.toString());
        }
        // Detected when the beat it missed was due; the grace was only patience.
        return triage.declare(SOURCE, title(heartbeat.name()), Severity.DEFAULT, null, null, data,
                quietFrom.plus(heartbeat.every()), now, Paging.NONE.with(page));
    }

    /**
     * The incident a silence's claimant opened before it stopped, if it got that far: one with
     * the silence's title declared since the claim. Read from every incident, not the open index
     * (which a claimant that stopped mid-write may not have updated); this is only asked after
     * a claimant stopped, which is rare.
     */
    Optional<Incident> openedSince(String name, Instant claimedAt) {
        String title = title(name);
        return store.findAll().stream()
                .filter(i -> i.state().isOpen() && title.equals(i.title()) && !i.declaredAt().isBefore(claimedAt))
                .findFirst();
    }

    /** {@code heartbeat <name> is back after <duration>} on the silence's incident, if it is still open. */
    void recovered(IncidentId id, String name, Duration quietFor, Instant now) {
        String text = "heartbeat " + name + " is back after " + Times.duration(quietFor);
        writer.announcing(notices.announcing(SOURCE, written -> Notices.Notice.of("💓 " + text
                        + ". Sitrep leaves the incident open: close it once you know why it went quiet.")))
                .update(id, current -> current.state().isOpen()
                        ? Optional.of(new IncidentChange(current.toBuilder().build(), new TimelineEntry(now, now,
                                TimelineKind.NOTE, "sitrep", SOURCE.wireName(), text,
                                Map.of("heartbeat", name, "quietSeconds", quietFor.getSeconds()))))
                        : Optional.empty());
    }
}
