package io.sitrep.integrations.health;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
    public CompletableFuture<List<Observation>> poll() {
        List<CompletableFuture<Observation>> results = new ArrayList<>();
        for (Query query : queries) {
            results.add(ask(query));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Observation> ask(Query query) {
        // Relative to the base, which may carry a path prefix (https://mon.example/prometheus/).
        URI uri = baseUrl.resolve("api/v1/query?query=" + URLEncoder.encode(query.expression(), StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> failure != null
                        ? new Observation(query.target(), HealthState.UNKNOWN, "Prometheus did not answer: " + failure)
                        : judge(query, response));
    }

    /** Prometheus writes {@code +Inf}, {@code -Inf} and {@code NaN} for the special values. */
    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private Observation judge(Query query, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return new Observation(query.target(), HealthState.UNKNOWN, "Prometheus answered HTTP " + response.statusCode());
        }
        try {
            JsonNode result = json.readTree(response.body()).path("data").path("result");
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
            return new Observation(query.target(), HealthState.UNKNOWN, "unreadable Prometheus answer: " + e.getMessage());
        }
    }
}
