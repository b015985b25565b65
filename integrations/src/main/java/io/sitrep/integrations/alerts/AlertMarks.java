package io.sitrep.integrations.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What became of each alert Alertmanager sent, shared by every replica. An attempt marks its
 * alerts pending before it records them and recorded once they are on their timelines, so a
 * repeat of a recorded alert changes nothing, while an alert whose attempt stopped in between
 * (its replica killed, its Redis gone) is neither taken for recorded nor recorded blindly again:
 * the next attempt looks at what was written.
 */
public interface AlertMarks {

    /** What an attempt found marked for one alert. */
    enum Found {
        /** Never marked: this attempt records it. */
        NEW,
        /** On its timelines: a repeat. */
        RECORDED,
        /** Another attempt marked it moments ago and may be recording it now: ask again later. */
        IN_FLIGHT,
        /**
         * An attempt marked it and stopped, or failed, without saying it was recorded: this one
         * records it where it is not yet.
         */
        UNFINISHED;

        /** Whether the attempt that found this now holds the mark. */
        public boolean taken() {
            return this == NEW || this == UNFINISHED;
        }
    }

    /**
     * One attempt at a notification's alerts.
     *
     * @param id    tells this attempt's pending marks from any other's
     * @param found by alert key
     */
    record Attempt(String id, Map<String, Found> found) {

        public Attempt {
            found = Map.copyOf(found);
        }

        public Found found(String key) {
            return found.getOrDefault(key, Found.RECORDED);
        }

        public boolean finds(Found what) {
            return found.containsValue(what);
        }

        /** The keys whose marks this attempt holds. */
        public List<String> taken() {
            return found.entrySet().stream().filter(e -> e.getValue().taken()).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }

    /**
     * Marks each alert pending for this attempt, unless it is recorded or another attempt's
     * mark is younger than the time an attempt may take.
     */
    Attempt take(List<String> keys, Instant now);

    /** Every alert the attempt took is on its timelines: repeats of them change nothing. */
    void recorded(Attempt attempt);

    /**
     * The attempt failed, having written some, all or none of its alerts: the next attempt
     * checks them at once instead of waiting for these marks to age. Marks taken over by
     * another attempt meanwhile are left alone.
     */
    void release(Attempt attempt);
}
