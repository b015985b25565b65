package io.sitrep.bot.runbook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import io.sitrep.bot.health.HealthView;
import io.sitrep.integrations.health.TargetStatus;
import io.sitrep.incident.Incident;

/**
 * Verifies a check step: a health condition read from the health watch, or an HTTP probe.
 * {@code health: node} means the targets on the incident's nodes, {@code health: service} its
 * service's, anything else one target by name.
 */
public final class RunbookChecks {

    /** Whether it held, and what was seen either way. */
    public record Verdict(boolean passed, String evidence) {
    }

    private RunbookChecks() {
    }

    public static Verdict verify(Runbook.Check check, Incident incident, HealthView health, Instant now) {
        if (check.http() != null) {
            return http(check);
        }
        List<TargetStatus> targets = switch (check.health()) {
            case "node" -> health.covering(incident).stream().filter(s -> s.target().node() != null).toList();
            case "service" -> health.covering(incident).stream().filter(s -> s.target().service() != null).toList();
            default -> health.statuses().stream().filter(s -> s.target().name().equals(check.health())).toList();
        };
        if (targets.isEmpty()) {
            return new Verdict(false, "no watched target for '" + check.health() + "' on " + incident.id());
        }
        Instant since = now.minus(check.healthyFor());
        List<TargetStatus> failing = targets.stream().filter(s -> !s.healthySince(since)).toList();
        StringBuilder seen = new StringBuilder();
        for (TargetStatus s : targets) {
            if (!seen.isEmpty()) {
                seen.append("; ");
            }
            seen.append(s.target().name()).append(' ').append(s.state()).append(" since ").append(s.since());
        }
        String wanted = check.healthyFor().isZero() ? "HEALTHY" : "HEALTHY for " + check.healthyFor().toSeconds() + " s";
        return new Verdict(failing.isEmpty(), (failing.isEmpty() ? "all " : "not all ") + wanted + ": " + seen);
    }

    private static Verdict http(Runbook.Check check) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(check.timeout()).build();
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(check.http()))
                    .timeout(check.timeout()).GET().build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            return new Verdict(ok, check.http() + " answered HTTP " + response.statusCode());
        } catch (java.io.IOException e) {
            return new Verdict(false, check.http() + " failed: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted while checking " + check.http());
        } catch (IllegalArgumentException e) {
            return new Verdict(false, "not a URL: " + check.http());
        }
    }

}
