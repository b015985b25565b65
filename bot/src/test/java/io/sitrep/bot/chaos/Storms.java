package io.sitrep.bot.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Alert storms as Alertmanager sends them when it groups by {@code alertname} and
 * {@code service}: one notification per service, all at once, each to whichever replica the
 * load balancer picks, each retried until a replica takes it (as Alertmanager retries). Every
 * storm has services of its own, so its alerts open incidents rather than join earlier ones.
 */
final class Storms {

    /** One alert the run sent: which storm, its fingerprint and the SEV its severity label maps to. */
    record SentAlert(int storm, String fingerprint, String service, int sev, boolean taken, Instant takenAt) {
    }

    static final int SERVICES = 24;
    private static final String[] SEVERITIES = {"info", "warning", "warning", "error", "critical"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Platforms platforms;
    private final List<SentAlert> sent = new CopyOnWriteArrayList<>();
    private int storms;

    Storms(Platforms platforms) {
        this.platforms = platforms;
    }

    List<SentAlert> sent() {
        return List.copyOf(sent);
    }

    synchronized int count() {
        return storms;
    }

    /**
     * One storm: {@link #SERVICES} notifications at once, waiting first if a minute is about to turn
     * (the new-incident budget is per minute: a storm across the turn may rightly open twice the
     * budget). Returns how many notifications a replica took.
     */
    int storm(Fleet fleet, SplittableRandom random) throws InterruptedException {
        int storm;
        synchronized (this) {
            storm = ++storms;
        }
        long intoMinute = Instant.now().getEpochSecond() % 60;
        if (intoMinute < 6 || intoMinute > 48) {
            Thread.sleep(Duration.ofSeconds((66 - intoMinute) % 60).toMillis());
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 1; i <= SERVICES; i++) {
            String service = "storm" + storm + "-svc" + i;
            String severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
            String fingerprint = "storm" + storm + "-" + i;
            String body = notification(service, fingerprint, severity);
            SplittableRandom own = random.split();
            Thread sender = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                boolean ok = deliver(fleet, own, body);
                if (ok) {
                    taken.incrementAndGet();
                }
                sent.add(new SentAlert(storm, fingerprint, service, sevOf(severity), ok, ok ? Instant.now() : null));
            }, "storm-" + storm + "-" + i);
            sender.setDaemon(true);
            senders.add(sender);
            sender.start();
        }
        go.countDown();
        for (Thread sender : senders) {
            sender.join(); // each is bounded: 60 s of tries, 10 s each at most
        }
        return taken.get();
    }

    /**
     * Sends until a replica answers 200, as Alertmanager retries, for at most 60 s: longer than an
     * alert stays in flight when the replica recording it died (then its retries are told 503).
     */
    private boolean deliver(Fleet fleet, SplittableRandom random, String body) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            var replica = fleet.pick(random);
            if (replica.isPresent()) {
                HttpResponse<String> answer = platforms.send(replica.get(), "alertmanager",
                        HttpRequest.newBuilder(URI.create(replica.get().baseUrl() + "/hooks/alertmanager"))
                                .header("Authorization", "Bearer " + Platforms.API_TOKEN)
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
                if (answer != null && answer.statusCode() == 200) {
                    return true;
                }
            }
            Platforms.pause(500 + random.nextInt(500));
        }
        return false;
    }

    static int sevOf(String severity) {
        return switch (severity) {
            case "critical" -> 1;
            case "high", "error" -> 2;
            case "warning" -> 3;
            default -> 4;
        };
    }

    /** Alertmanager's webhook payload, version 4, with one firing alert of one service. */
    private static String notification(String service, String fingerprint, String severity) {
        ObjectNode root = JSON.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "sitrep")
                .put("groupKey", "{}:{alertname=\"ServiceDown\", service=\"" + service + "\"}")
                .put("truncatedAlerts", 0).put("externalURL", "http://alertmanager.invalid:9093");
        root.putObject("groupLabels").put("alertname", "ServiceDown").put("service", service);
        root.putObject("commonLabels").put("alertname", "ServiceDown").put("service", service).put("severity", severity);
        root.putObject("commonAnnotations");
        ArrayNode alerts = root.putArray("alerts");
        ObjectNode alert = alerts.addObject().put("status", "firing").put("startsAt", Instant.now().toString())
                .put("endsAt", "0001-01-01T00:00:00Z").put("generatorURL", "http://prometheus.invalid/graph")
                .put("fingerprint", fingerprint);
        alert.putObject("labels").put("alertname", "ServiceDown").put("service", service).put("severity", severity);
        alert.putObject("annotations").put("summary", service + " is down");
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
