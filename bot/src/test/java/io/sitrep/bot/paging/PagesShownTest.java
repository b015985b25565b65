package io.sitrep.bot.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.IncidentState;
import io.sitrep.incident.Severity;
import io.sitrep.incident.paging.Page;
import io.sitrep.incident.paging.Paging;

/** What {@code /incident status} says of each page: who, level, reason, and how it stands. */
class PagesShownTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void eachPageSaysWhoWasPagedAndHowItStands() {
        Page acknowledged = notified(Page.requested("P1", "SEV1 Payments fail (declared by alice)", "alice", List.of(),
                "payments", AT)).acknowledgedBy(new Page.Acknowledgement("<@U0BOB>", "button", AT.plusSeconds(95)));
        Page ended = notified(Page.requested("P2", "bea asks for help", "bea", List.of("person:bob"), null, AT))
                .ended(AT.plusSeconds(600), "INC-7 resolved");
        Page running = notified(Page.requested("P3", "The stakeholder update is overdue", "sitrep", List.of(), "payments",
                AT));
        Incident incident = Incident.builder(new IncidentId(7), IncidentState.INVESTIGATING, Severity.SEV1, AT)
                .paging(new Paging(List.of(acknowledged, ended, running))).build();

        assertThat(PagesShown.lines(incident)).containsExactly(
                "Page P1 · level 1 · bob, carol · acknowledged by <@U0BOB> (button) 1m after the page"
                        + " — SEV1 Payments fail (declared by alice)",
                "Page P2 · level 1 · bob, carol · ended 2026-12-01 10:10 UTC: INC-7 resolved — bea asks for help",
                "Page P3 · level 1 · bob, carol · not acknowledged; escalates 2026-12-01 10:05 UTC"
                        + " — The stakeholder update is overdue");
    }

    @Test
    void anIncidentThatNeverPagedShowsNothing() {
        Incident incident = Incident.builder(new IncidentId(7), IncidentState.INVESTIGATING, Severity.SEV3, AT).build();

        assertThat(PagesShown.lines(incident)).isEmpty();
    }

    private static Page notified(Page page) {
        return page.notifiedAt(0, 0, List.of(new Page.Notification("bob", "slack", "U0BOB", 0, 0, AT),
                new Page.Notification("carol", "slack", "U0CAROL", 0, 0, AT),
                new Page.Notification("carol", "discord", "1234", 0, 0, AT)), AT.plus(Duration.ofMinutes(5)));
    }
}
