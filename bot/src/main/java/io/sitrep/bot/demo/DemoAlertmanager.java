package io.sitrep.bot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alertmanager as the demo plays it: the founding incident's alert, sent as a webhook
 * notification (payload version 4) to Sitrep's own {@code POST /hooks/alertmanager}, so it
 * takes the way every real alert takes.
 */
final class DemoAlertmanager {

    static final String ALERT = "ConnectMeLoginFailures";
    static final String SUMMARY = "Logins not answering in " + DemoNode.REGION;
    private static final String FINGERPRINT = "5e3c0a9d1b7f4e21";
    /** Alertmanager's way of saying "not ended". */
    private static final String NOT_ENDED = "0001-01-01T00:00:00Z";

    private final URI hook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl where Sitrep's HTTP server listens, {@code http://127.0.0.1:8090} */
    DemoAlertmanager(String baseUrl) {
        this.hook = URI.create(baseUrl + "/hooks/alertmanager");
    }

    /** What Sitrep answered: the status and the body. */
    record Answer(int status, String body) {
    }

    Answer firing(Instant startsAt) {
        return send("firing", startsAt, null);
    }

    Answer resolved(Instant startsAt, Instant endsAt) {
        return send("resolved", startsAt, endsAt);
    }

    private Answer send(String status, Instant startsAt, Instant endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("labels", Map.of("alertname", ALERT, "service", DemoNode.SERVICE, "node", DemoNode.NODE,
                "region", DemoNode.REGION, "severity", "high"));
        alert.put("annotations", Map.of("summary", SUMMARY));
        alert.put("startsAt", startsAt.toString());
        alert.put("endsAt", endsAt == null ? NOT_ENDED : endsAt.toString());
        alert.put("fingerprint", FINGERPRINT);
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("version", "4");
        notification.put("groupKey", "{}:{alertname=\"" + ALERT + "\"}");
        notification.put("status", status);
        notification.put("receiver", "sitrep");
        notification.put("alerts", List.of(alert));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(hook).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(notification), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the alert notification", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not reach " + hook, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the alert", e);
        }
    }
}
