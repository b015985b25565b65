package io.sitrep.bot.insights;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /insights} (a page) and {@code /insights.json}: were the promises kept, over the
 * days from {@code from} to {@code to} (default: the last 90). Behind the API token, Bearer or
 * HTTP Basic with the token as the password (see the wiring): the figures name services and
 * incidents, which the public status page may not.
 */
@RestController
public class InsightsController {

    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final Insights insights;

    public InsightsController(Insights insights) {
        this.insights = insights;
    }

    @GetMapping(path = "/insights.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> json(@RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        Window window;
        try {
            window = Window.parse(from, to, insights.clock());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("ok", false, "error", e.getMessage()));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(insights.report(window));
    }

    @GetMapping("/insights")
    public ResponseEntity<String> page(@RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to) {
        Window window;
        try {
            window = Window.parse(from, to, insights.clock());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().contentType(HTML).body("<!doctype html><title>Insights</title><p>"
                    + InsightsHtml.escape(e.getMessage()) + ". <a href=\"/insights\">The last 90 days</a></p>");
        }
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore())
                .body(InsightsHtml.page(insights.report(window), insights.freshFor()));
    }
}
