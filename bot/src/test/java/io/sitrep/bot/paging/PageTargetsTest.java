package io.sitrep.bot.paging;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sitrep.bot.oncall.Person;
import io.sitrep.incident.paging.Page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whom a target names, and by which of their methods they can be reached here. */
class PageTargetsTest {

    private final PagingFixture sitrep = new PagingFixture();
    private final Instant now = Instant.parse("2026-12-07T02:00:00Z");

    @Test
    void aPersonIsNotifiedOnlyByMethodsSetUpHere() {
        PageTargets slackOnly = new PageTargets(sitrep.desk, () -> Set.of("slack"));
        Person ant = sitrep.desk.directory().person("ant").orElseThrow();
        assertThat(slackOnly.notifications(ant, 0, 0, now)).extracting(Page.Notification::method)
                .containsExactly("slack");
        assertThat(sitrep.targets.notifications(ant, 0, 0, now)).extracting(Page.Notification::method)
                .containsExactly("slack", "discord", "email");
        Person lead = sitrep.desk.directory().person("lead").orElseThrow();
        assertThat(slackOnly.notifications(lead, 0, 0, now)).as("reachable by nothing set up here").isEmpty();
    }

    @Test
    void targetsResolveAtTheInstantAndUnknownOnesAreRefusedWithTheNearestName() {
        assertThat(sitrep.targets.people("schedule:platform", now)).extracting(Person::key).containsExactly("ant");
        assertThat(sitrep.targets.people("<@U0BEA>", now)).extracting(Person::key).containsExactly("bea");
        assertThat(sitrep.targets.people("<@1234567890>", now)).singleElement()
                .satisfies(p -> assertThat(p.discord()).isEqualTo("1234567890"));
        assertThat(sitrep.targets.parse("<@U0BEA>").target()).isEqualTo("<@U0BEA>");
        assertThat(sitrep.targets.parse("policy:platform").policy()).isEqualTo("platform");
        assertThatThrownBy(() -> sitrep.targets.parse("person:baa")).hasMessageContaining("did you mean bea?");
        assertThatThrownBy(() -> sitrep.targets.parse("team:x")).hasMessageContaining("\"team:\" is none of these");
    }
}
