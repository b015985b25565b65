package io.sitrep.bot.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Every kind of broken runbook is reported with file, line and reason; a good one loads whole. */
class RunbookLoaderTest {

    @Test
    void loadsAValidRunbook() {
        RunbookLoader.Result result = RunbookLoader.load("good.yml", """
                id: db-failover
                title: Fail the database over
                match:
                  service: [orders]
                  labels: {team: storage}
                steps:
                  - id: check-replica
                    title: Replica is healthy
                    kind: check
                    check: {health: "db/replica", healthy-for: 2m, timeout: 10s}
                  - id: promote
                    title: Promote the replica
                    requires: [check-replica]
                    warn: Never promote a lagging replica.
                """);

        assertThat(result.problems()).isEmpty();
        Runbook runbook = result.runbook().orElseThrow();
        assertThat(runbook.steps()).extracting(Runbook.Step::id).containsExactly("check-replica", "promote");
        assertThat(runbook.steps().get(0).check().healthyFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(runbook.steps().get(1).kind()).isEqualTo(Runbook.Kind.MANUAL);
        assertThat(runbook.match().labels()).containsEntry("team", "storage");
    }

    @Test
    void reportsBadYamlWithItsLine() {
        RunbookLoader.Result result = RunbookLoader.load("bad.yml", "id: x\ntitle: [unclosed\nsteps: []\n");

        assertThat(result.runbook()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bad.yml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).startsWith("not valid YAML");
        });
    }

    @Test
    void reportsAnUnknownKindDuplicateIdsAMissingRequirementAndACheckWithoutCheck() {
        RunbookLoader.Result result = RunbookLoader.load("broken.yml", """
                id: broken
                title: Broken
                match: {keywords: [x]}
                steps:
                  - id: a
                    title: A
                    kind: pray
                  - id: a
                    title: A again
                  - id: b
                    title: B
                    requires: [nowhere]
                  - id: c
                    title: C
                    kind: check
                """);

        assertThat(result.runbook()).isEmpty();
        assertThat(result.problems()).extracting(RunbookProblem::toString).containsExactlyInAnyOrder(
                "broken.yml:7: unknown kind 'pray': manual, check or confirm",
                "broken.yml:8: duplicate step id 'a' (first on line 5)",
                "broken.yml:10: step 'b' requires 'nowhere', which is no step of this runbook",
                "broken.yml:13: step 'c' is a check step but has no check (health or http)");
    }

    @Test
    void reportsACycleInRequires() {
        RunbookLoader.Result result = RunbookLoader.load("cycle.yml", """
                id: cycle
                title: Cycle
                match: {keywords: [x]}
                steps:
                  - id: a
                    title: A
                    requires: [c]
                  - id: b
                    title: B
                    requires: [a]
                  - id: c
                    title: C
                    requires: [b]
                """);

        assertThat(result.problems()).singleElement().satisfies(p ->
                assertThat(p.reason()).isEqualTo("requires form a cycle: a → c → b → a"));
    }

    @Test
    void reportsMissingAndUnknownFields() {
        RunbookLoader.Result result = RunbookLoader.load("thin.yml", "id: Thin Book\nowner: me\n");

        assertThat(result.problems()).extracting(RunbookProblem::reason).contains(
                "id 'Thin Book' must be lower case letters, digits and dashes",
                "unknown field 'owner' (known: id, match, steps, title)",
                "title is required");
    }
}
