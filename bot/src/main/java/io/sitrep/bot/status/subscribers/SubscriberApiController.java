package io.sitrep.bot.status.subscribers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.sitrep.integrations.redis.RedisSubscribers;

/** For the token holder: the subscribers (addresses included: they are the admin's to see) and removing one. */
@RestController
public class SubscriberApiController {

    private static final int MAX_PAGE = 500;

    private final RedisSubscribers store;

    SubscriberApiController(RedisSubscribers store) {
        this.store = store;
    }

    /** Oldest first; {@code offset} and {@code limit} page through them, {@code total} says how many there are. */
    @GetMapping("/api/status/subscribers")
    public Map<String, Object> list(@RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "100") int limit) {
        RedisSubscribers.Listing listing = store.list(Math.max(0, offset), Math.max(1, Math.min(limit, MAX_PAGE)));
        List<Map<String, Object>> subscribers = listing.subscriptions().stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", s.id());
            one.put("address", s.address());
            one.put("components", s.components());
            one.put("confirmed", s.confirmed());
            one.put("created", s.created().toString());
            return one;
        }).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        answer.put("total", listing.total());
        answer.put("offset", Math.max(0, offset));
        answer.put("subscribers", subscribers);
        return answer;
    }

    @DeleteMapping("/api/status/subscribers/{id}")
    public ResponseEntity<Map<String, Object>> delete(@PathVariable String id) {
        if (!store.remove(id)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("ok", false, "error",
                    "there is no subscriber " + id));
        }
        return ResponseEntity.ok(Map.of("ok", true));
    }
}
