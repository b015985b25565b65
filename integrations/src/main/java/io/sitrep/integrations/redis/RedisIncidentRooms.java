package io.sitrep.integrations.redis;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.incident.Incident;
import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.IncidentStore;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.IncidentRooms;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Rooms in a hash per incident ({@code sitrep:{INC-7}:rooms}, field = platform), with each
 * room's channel id also in the channel index that commands are resolved through. The room is
 * written first: a crash before the index write is mended by {@link #rebuildChannelIndex()}.
 */
public final class RedisIncidentRooms implements IncidentRooms {

    private static final Logger log = LoggerFactory.getLogger(RedisIncidentRooms.class);

    private final RedisConnection connection;
    private final UnifiedJedis jedis;
    private static final ObjectMapper ENCODER = new ObjectMapper();

    private final ObjectMapper json = new ObjectMapper();
    private final StoredIncidents incidents;

    public RedisIncidentRooms(RedisConnection connection) {
        this.connection = connection;
        this.jedis = connection.jedis();
        this.incidents = new StoredIncidents(connection);
    }

    @Override
    public Optional<IncidentRoom> find(IncidentId incident, String platform) {
        String value = RedisCalls.call(() -> jedis.hget(RedisKeys.rooms(incident), platform));
        return Optional.ofNullable(value).map(this::read);
    }

    /** From the Redis store, one pipeline: the record and the room share the incident's slot. */
    @Override
    public Optional<Placed> findWithIncident(IncidentStore store, IncidentId incident, String platform) {
        if (!(store instanceof RedisIncidentStore)) {
            return IncidentRooms.super.findWithIncident(store, incident, platform);
        }
        Response<String> record;
        Response<String> room;
        try (PipelineBase pipeline = jedis.pipelined()) {
            record = pipeline.hget(RedisKeys.incident(incident), "json");
            room = pipeline.hget(RedisKeys.rooms(incident), platform);
            pipeline.sync();
            connection.counter().countRoundTrip();
        } catch (JedisException e) {
            throw RedisCalls.unavailableOrRethrow(e);
        }
        Incident found = incidents.read(incident, RedisCalls.answer(record));
        return Optional.ofNullable(found)
                .map(read -> new Placed(read, Optional.ofNullable(RedisCalls.answer(room)).map(this::read)));
    }

    @Override
    public void save(IncidentId incident, IncidentRoom room) {
        saveCard(incident, room);
        RedisCalls.call(() -> jedis.hset(RedisKeys.CHANNELS, room.channelId(), incident.toString()));
    }

    @Override
    public void saveCard(IncidentId incident, IncidentRoom room) {
        String value = write(room);
        RedisCalls.call(() -> jedis.hset(RedisKeys.rooms(incident), room.platform(), value));
    }

    @Override
    public boolean livesElsewhere(IncidentId incident, String platform) {
        java.util.Set<String> platforms = RedisCalls.call(() -> jedis.hkeys(RedisKeys.rooms(incident)));
        return platforms.stream().anyMatch(p -> !p.equals(platform));
    }

    /** Puts every room's channel back into the channel index; idempotent, run at start-up. */
    public int rebuildChannelIndex() {
        int rooms = 0;
        for (String id : RedisCalls.scanIncidentIds(connection, RedisKeys.ALL_ROOMS_PATTERN)) {
            List<String> values = RedisCalls.call(() -> jedis.hvals(RedisKeys.rooms(IncidentId.parse(id))));
            for (String value : values) {
                IncidentRoom room = read(value);
                RedisCalls.call(() -> jedis.hset(RedisKeys.CHANNELS, room.channelId(), id));
                rooms++;
            }
        }
        log.info("Indexed the channels of {} chat rooms", rooms);
        return rooms;
    }

    private IncidentRoom read(String value) {
        try {
            return json.readValue(value, IncidentRoom.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(IncidentRoom room) {
        return encode(room);
    }

    /** A room's record as stored in the incident's rooms hash, under its platform. */
    static String encode(IncidentRoom room) {
        try {
            return ENCODER.writeValueAsString(room);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
