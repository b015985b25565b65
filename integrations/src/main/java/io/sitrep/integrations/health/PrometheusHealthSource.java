package io.sitrep.integrations.health;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prometheus' HTTP API as a source: one PromQL expression per target, evaluated with an instant
 * query. The target is HEALTHY when the expression returns at least one series and every value
 * is non-zero ({@code up{job="login"} == 1}, {@code rate(errors[1m]) < 0.05}), DOWN when it
 * returns series that are all zero or none at all, UNKNOWN when Prometheus can't be asked.
 */
public final class PrometheusHealthSource implements HealthSource {

    /** A target and the expression that judges it. */
    public record Query(Target target, String expression) {
    }

    private final URI baseUrl;
    private final List<Query> queries;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusHealthSource(URI baseUrl, List<Query> queries, Duration timeout) {
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.queries = List.copyOf(queries);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public List<Target> targets() {
        return queries.stream().map(Query::target).toList();
    }

    @Override
    public CompletableFuture<SourceReport> poll() {
        return askAll(queries);
    }

    @Override
    public CompletableFuture<SourceReport> recheck(Collection<Target> targets) {
        Set<String> names = targets.stream().map(Target::name).collect(Collectors.toSet());
        return askAll(queries.stream().filter(q -> names.contains(q.target().name())).toList());
    }

    /** An answer to one query, or why Prometheus gave none. */
    private record Answer(Observation observation, String unanswered) {
    }

    /**
     * Every query at once. Prometheus is in trouble when any query got no answer (a timeout, a
     * refused connection, a 5xx): its targets are then UNKNOWN, and the trouble says what was
     * tried, so a frozen Prometheus is never reported as answering.
     */
    private CompletableFuture<SourceReport> askAll(List<Query> selected) {
        List<CompletableFuture<Answer>> results = new ArrayList<>();
        for (Query query : selected) {
            results.add(ask(query));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Answer> answers = results.stream().map(CompletableFuture::join).toList();
            List<String> failures = answers.stream().map(Answer::unanswered).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            long failed = answers.stream().filter(a -> a.unanswered() != null).count();
            String trouble = failed == 0 ? null : failed + " of " + answers.size()
                    + " queries to " + baseUrl + " failed (" + String.join("; ", failures) + ")";
            return new SourceReport(answers.stream().map(Answer::observation).toList(), trouble);
        });
    }

    private CompletableFuture<Answer> ask(Query query) {
        // Relative to the base, which may carry a path prefix (https://mon.example/prometheus/).
        URI uri = baseUrl.resolve("api/v1/query?query=" + URLEncoder.encode(query.expression(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return unanswered(query, FailureWords.describe(failure, timeout));
                    }
                    if (response.statusCode() != 200) {
                        return unanswered(query, "HTTP " + response.statusCode());
                    }
                    return new Answer(judge(query, response.body()), null);
                });
    }

    private Answer unanswered(Query query, String why) {
        return new Answer(new Observation(query.target(), HealthState.UNKNOWN,
                "Prometheus at " + baseUrl + " did not answer: " + why), why);
    }

    /** Prometheus writes {@code +Inf}, {@code -Inf} and {@code NaN} for the special values. */
    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private Observation judge(Query query, String body) {
        try {
            JsonNode result = json.readTree(body).path("data").path("result");
            if (!result.isArray() || result.isEmpty()) {
                return new Observation(query.target(), HealthState.DOWN, "no series for " + query.expression());
            }
            int zero = 0;
            for (JsonNode series : result) {
                double value = number(series.path("value").path(1).asText("0"));
                if (value == 0.0 || Double.isNaN(value)) {
                    zero++;
                }
            }
            if (zero == 0) {
                return new Observation(query.target(), HealthState.HEALTHY, query.expression() + " holds");
            }
            return new Observation(query.target(), zero == result.size() ? HealthState.DOWN : HealthState.DEGRADED,
                    zero + " of " + result.size() + " series fail " + query.expression());
        } catch (Exception e) {
            return new Observation(query.target(), HealthState.UNKNOWN, "unreadable Prometheus answer: " + FailureWords.message(e));
        }
    }
}
