package io.sitrep.bot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;

/**
 * The keys an earlier Sitrep left in Redis, as stored in {@code src/test/resources/upgrade/}: one
 * JSON line per key, with its name, type and value.
 */
public final class UpgradeFixture {

    private UpgradeFixture() {
    }

    /** Writes the fixture's keys as they were stored, a lease with the expiry a live holder keeps renewing. */
    public static void load(UnifiedJedis jedis, String resource) throws IOException {
        load(jedis, resource, UnaryOperator.identity());
    }

    /** The fixture's keys with {@code edit} applied to its text first (times made recent, say). */
    public static void load(UnifiedJedis jedis, String resource, UnaryOperator<String> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = UpgradeFixture.class.getResourceAsStream(resource)) {
            for (String line : edit.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)).split("\n")) {
                JsonNode key = json.readTree(line);
                String name = key.get("key").asText();
                JsonNode value = key.get("value");
                switch (key.get("type").asText()) {
                    case "string" -> {
                        if (name.startsWith("sitrep:lease:")) {
                            jedis.psetex(name, 15_000, value.asText());
                        } else {
                            jedis.set(name, value.asText());
                        }
                    }
                    case "set" -> value.forEach(member -> jedis.sadd(name, member.asText()));
                    case "list" -> value.forEach(item -> jedis.rpush(name, item.asText()));
                    case "zset" -> value.fields().forEachRemaining(f -> jedis.zadd(name, f.getValue().asDouble(), f.getKey()));
                    case "hash" -> value.fields().forEachRemaining(f -> jedis.hset(name, f.getKey(), f.getValue().asText()));
                    case "stream" -> value.forEach(entry -> jedis.xadd(name, new StreamEntryID(entry.get("id").asText()),
                            json.convertValue(entry.get("fields"), new TypeReference<Map<String, String>>() { })));
                    default -> throw new IllegalStateException("fixture key of unknown type: " + line);
                }
            }
        }
    }
}
