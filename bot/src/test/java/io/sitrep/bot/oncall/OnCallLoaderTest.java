package io.sitrep.bot.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sitrep.bot.command.MutableClock;

/** Every kind of broken on-call file is reported with file, line and reason; what is valid still loads. */
class OnCallLoaderTest {

    static final String PEOPLE = """
            people:
              ant: { slack: U0ANT, discord: "1100000000000000001", email: ant@example.com, timezone: Europe/Berlin }
              bea: { slack: U0BEA, email: bea@example.com, webhook: https://pager.example/bea }
              carol: { slack: U0CAROL, timezone: America/New_York }
              lead: { email: lead@example.com }
            """;
    /** One weekly layer, ant, bea, carol from Monday 30 November 2026, handing off Mondays 09:00 Berlin. */
    static final String WEEKLY_PLATFORM = """
            id: platform
            name: Platform on-call
            timezone: Europe/Berlin
            layers:
              - name: primary
                rotation: weekly
                handoff: "MON 09:00"
                start: 2026-11-30
                people: [ant, bea, carol]
            """;
    static final String PLATFORM = WEEKLY_PLATFORM + """
              - name: office
                rotation: { every: P3D }
                handoff: "09:00"
                start: 2026-12-01
                people: [lead]
                only: "MON-FRI 08:00-18:00"
            slack-usergroup: S0PLATFORM
            """;
    static final String POLICY = """
            id: platform
            services: [connectme, login]
            levels:
              - notify: [schedule:platform]
                escalate-after: PT5M
              - notify: [person:lead]
                escalate-after: 10m
            repeat: 1
            """;

    private static OnCallLoader.SourceFile file(String name, String text) {
        return new OnCallLoader.SourceFile(name, text);
    }

    @Test
    void loadsPeopleSchedulesAndPolicies() {
        OnCallDirectory directory = OnCallLoader.load(List.of(file("people.yml", PEOPLE),
                file("schedules/platform.yml", PLATFORM), file("policies/platform.yml", POLICY)));

        assertThat(directory.problems()).isEmpty();
        assertThat(directory.person("U0BEA")).hasValueSatisfying(p -> assertThat(p.key()).isEqualTo("bea"));
        assertThat(directory.person("ant").orElseThrow().timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        Schedule platform = directory.schedule("platform").orElseThrow();
        assertThat(platform.layers()).extracting(Layer::name).containsExactly("primary", "office");
        assertThat(platform.layers().get(1).length()).isEqualTo(Period.ofDays(3));
        assertThat(platform.layers().get(1).only().days()).hasSize(5);
        assertThat(platform.slackUsergroup()).isEqualTo("S0PLATFORM");
        EscalationPolicy policy = directory.policies().get("platform");
        assertThat(policy.levels()).extracting(EscalationPolicy.Level::escalateAfter)
                .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10));
        assertThat(policy.levels().get(1).targets()).extracting(Object::toString).containsExactly("person:lead");
        assertThat(policy.repeat()).isEqualTo(1);
    }

    @Test
    void reportsEachProblemWithFileLineAndReasonAndStillLoadsTheValidSchedules() {
        OnCallDirectory directory = OnCallLoader.load(List.of(file("people.yml", PEOPLE),
                file("schedules/platform.yml", PLATFORM),
                file("schedules/broken.yml", """
                        id: broken
                        timezone: Europe/Berln
                        layers:
                          - name: primary
                            rotation: fortnightly
                            handoff: "MON 09:00"
                            start: 2026-11-30
                            people: [ant, dave]
                          - name: empty
                            rotation: daily
                            handoff: "25:00"
                            start: 2026-11-30
                            people: []
                            only: "weekdays"
                        """),
                file("policies/platform.yml", """
                        id: platform
                        levels:
                          - notify: [schedule:platform, schedule:nowhere]
                            escalate-after: PT5M
                          - notify: [schedule:broken, person:zoe]
                            escalate-after: soon
                        """)));

        assertThat(directory.schedules()).containsOnlyKeys("platform");
        assertThat(directory.policies()).isEmpty();
        assertThat(directory.problems()).extracting(Object::toString).containsExactly(
                "schedules/broken.yml:2: unknown time zone 'Europe/Berln'; use a name like Europe/Berlin or "
                        + "America/New_York",
                "schedules/broken.yml:5: rotation must be daily, weekly or every: followed by whole days or weeks "
                        + "(P3D, P2W)",
                "schedules/broken.yml:8: 'dave' is named nowhere in people.yml",
                "schedules/broken.yml:11: '25:00' is not a time of day like 09:00",
                "schedules/broken.yml:13: layer 'empty' has no people: list who takes turns, like people: [ant, bea]",
                "schedules/broken.yml:14: 'weekdays' is not a restriction like \"MON-FRI 08:00-18:00\"",
                "policies/platform.yml:3: schedule 'nowhere' is defined in no file under schedules/",
                "policies/platform.yml:5: schedule 'broken' did not load (see its own problems)",
                "policies/platform.yml:5: 'zoe' is named nowhere in people.yml",
                "policies/platform.yml:6: 'soon' is not a duration like PT5M or 10m");
    }

    @Test
    void reportsBadYamlUnknownFieldsAndALayerlessSchedule() {
        OnCallDirectory directory = OnCallLoader.load(List.of(file("people.yml", "people:\n  ant: [unclosed\n"),
                file("schedules/a.yml", "id: a\ntimezone: UTC\nowner: me\n"),
                file("schedules/b.yml", "id: B c\ntimezone: UTC\nlayers: []\n")));

        assertThat(directory.schedules()).isEmpty();
        assertThat(directory.problems()).extracting(OnCallProblem::file, OnCallProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("people.yml", 3),
                org.assertj.core.groups.Tuple.tuple("schedules/a.yml", 3),
                org.assertj.core.groups.Tuple.tuple("schedules/a.yml", 1),
                org.assertj.core.groups.Tuple.tuple("schedules/b.yml", 1),
                org.assertj.core.groups.Tuple.tuple("schedules/b.yml", 3));
        assertThat(directory.problems().get(0).reason()).startsWith("not valid YAML");
        assertThat(directory.problems().get(1).reason()).startsWith("unknown field 'owner'");
        assertThat(directory.problems().get(2).reason()).startsWith("layers is required");
    }

    @Test
    void aDiscordRoleMustBeARoleIdAndOneIsKept() {
        OnCallDirectory directory = OnCallLoader.load(List.of(file("people.yml", PEOPLE),
                file("schedules/platform.yml", WEEKLY_PLATFORM + "discord-role: \"1100000000000000099\"\n"),
                file("schedules/broken.yml", WEEKLY_PLATFORM.replace("id: platform", "id: broken")
                        + "discord-role: \"@platform-oncall\"\n")));

        assertThat(directory.schedules().values()).extracting(Schedule::id, Schedule::discordRole)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("platform", "1100000000000000099"));
        assertThat(directory.problems()).extracting(Object::toString).containsExactly(
                "schedules/broken.yml:10: discord-role is a Discord role id, a number like \"1100000000000000099\" "
                        + "(Copy Role ID in Server Settings → Roles), not '@platform-oncall'");
    }

    @Test
    void readsTheDirectoryAndReloadsWhenAFileChanges(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("people.yml"), PEOPLE);
        Files.createDirectories(dir.resolve("schedules"));
        Path platform = dir.resolve("schedules/platform.yml");
        Files.writeString(platform, PLATFORM);
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-01T00:00:00Z"));
        OnCallFiles files = OnCallFiles.load(dir, Duration.ofSeconds(10), clock);
        assertThat(files.current().schedules()).containsOnlyKeys("platform");

        Files.writeString(dir.resolve("schedules/db.yml"), PLATFORM.replace("id: platform", "id: db"));
        Files.writeString(platform, PLATFORM.replace("people: [ant, bea, carol]", "people: [ant]"));
        Files.setLastModifiedTime(platform, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(files.current().schedules()).as("not looked at again yet").containsOnlyKeys("platform");

        clock.advance(Duration.ofSeconds(10));
        assertThat(files.current().schedules()).containsOnlyKeys("db", "platform");
        assertThat(files.current().schedule("platform").orElseThrow().layers().get(0).people()).containsExactly("ant");
    }
}
