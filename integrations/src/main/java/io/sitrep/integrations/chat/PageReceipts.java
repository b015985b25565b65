package io.sitrep.integrations.chat;

import io.sitrep.incident.IncidentId;

/**
 * Told when a page's notification went out, or was given up on, so that the incident's
 * timeline says who was told by which method ({@code NOTIFIED}) and a notification that failed
 * for good escalates the page at once rather than waiting out its level.
 */
public interface PageReceipts {

    PageReceipts NONE = new PageReceipts() {
        @Override
        public void sent(IncidentId incident, PageMark page, Audience to) {
        }

        @Override
        public void failed(IncidentId incident, PageMark page, Audience to, String why) {
        }
    };

    /** A {@code NOTIFY} message of {@code page} reached {@code to}'s platform or server. */
    void sent(IncidentId incident, PageMark page, Audience to);

    /** A {@code NOTIFY} message of {@code page} to {@code to} was refused or given up on, for {@code why}. */
    void failed(IncidentId incident, PageMark page, Audience to, String why);
}
