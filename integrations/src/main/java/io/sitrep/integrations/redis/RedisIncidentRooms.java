package io.sitrep.integrations.redis;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sitrep.incident.IncidentId;
import io.sitrep.integrations.chat.IncidentRoom;
import io.sitrep.integrations.chat.IncidentRooms;
import redis.clients.jedis.UnifiedJedis;

/**
 * Rooms in a hash per incident ({@code sitrep:{INC-7}:rooms}, field = platform), with each
 * room's channel id also in the channel index that commands are resolved through. The room is
 * written first: a crash before the index write is mended by {@link #rebuildChannelIndex()}.
 */
public final class RedisIncidentRooms implements IncidentRooms {

    private static final Logger log = LoggerFactory.getLogger(RedisIncidentRooms.class);

    private final RedisConnection connection;
    private final UnifiedJedis jedis;
    private final ObjectMapper json = new ObjectMapper();

    public RedisIncidentRooms(RedisConnection connection) {
        this.connection = connection;
        this.jedis = connection.jedis();
    }

    @Override
    public Optional<IncidentRoom> find(IncidentId incident, String platform) {
        String value = RedisCalls.call(() -> jedis.hget(RedisKeys.rooms(incident), platform));
        return Optional.ofNullable(value).map(this::read);
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
        try {
            return json.writeValueAsString(room);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
