package io.sitrep.integrations.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.sitrep.incident.IncidentId;
import io.sitrep.incident.store.Announcement;
import io.sitrep.integrations.chat.Delivery;
import io.sitrep.integrations.chat.DeliveryQueue;
import io.sitrep.integrations.chat.IncidentRoom;
import redis.clients.jedis.UnifiedJedis;

/**
 * The delivery queue in Redis. Each lane is a list in its incident's slot
 * ({@code sitrep:{INC-7}:outbox:slack}, entries {@code <id>\n<json>}), with its first entry's
 * progress in the hash {@code sitrep:{INC-7}:outbox} and failures for good in
 * {@code sitrep:{INC-7}:outbox-failed}. Which lanes need a worker is a sorted set per platform,
 * {@code sitrep:{outbox}:due:slack} (lane → when; a claimed lane's score is its lease's end,
 * which is also its fencing token), so a replica only ever claims lanes of platforms it runs;
 * {@code sitrep:{outbox}:again} marks claimed lanes that were given more meanwhile,
 * {@code sitrep:{outbox}:wake:slack} holds a token per lane newly due, for idle workers waiting in a BLPOP, and
 * {@code sitrep:{outbox}:platforms} lists the platforms ever queued for. Each script touches one slot, so all of it works on Redis Cluster
 * (where one server holds every key, the change's own write marks its lanes due: see {@link #DUE_FUNCTION}).
 */
public final class RedisDeliveryQueue implements DeliveryQueue {

    /** KEYS: the lanes' lists. ARGV: the entry. */
    private static final String ENQUEUE_SCRIPT = """
            for _, key in ipairs(KEYS) do redis.call('RPUSH', key, ARGV[1]) end
            return 1
            """;
    /**
     * Marks lanes due: KEYS[first..] holds each lane's due set, then each lane's wake list, then
     * the again set, then the platforms set; {@code names} the lanes ({@code INC-7/slack}). A
     * lane already due stays (a worker is on its way); a claimed or waiting one is marked to be
     * due again; a lane newly due pushes a token that wakes one idle worker on some replica (a
     * bounded list: a worker that finishes claims again anyway, so tokens beyond the bound add
     * nothing). The change's own write script runs it too, where one server holds every key.
     */
    static final String DUE_FUNCTION = """
            local function mark_due(first, names, now)
              local lanes = #names
              local again = KEYS[first + 2 * lanes]
              for i = 1, lanes do
                local due = KEYS[first + i - 1]
                local lane = names[i]
                local score = redis.call('ZSCORE', due, lane)
                if not score then
                  redis.call('ZADD', due, now, lane)
                  redis.call('LPUSH', KEYS[first + lanes + i - 1], lane)
                  redis.call('LTRIM', KEYS[first + lanes + i - 1], 0, 63)
                elseif tonumber(score) > tonumber(now) then redis.call('SADD', again, lane) end
                redis.call('SADD', KEYS[first + 2 * lanes + 1], string.match(lane, '/(.*)$'))
              end
            end
            """;
    /** KEYS: as {@link #DUE_FUNCTION} from the first. ARGV: now, then each lane. */
    private static final String DUE_SCRIPT = DUE_FUNCTION + """
            local names = {}
            for i = 2, #ARGV do names[i - 1] = ARGV[i] end
            mark_due(1, names, ARGV[1])
            return 1
            """;
    /** The lane's first entry and its progress ('' for none), or nothing when the lane is empty. */
    private static final String HEAD_FUNCTION = """
            local function head(lane, progress, platform)
              local first = redis.call('LINDEX', lane, 0)
              if not first then return {} end
              return {first, redis.call('HGET', progress, platform) or ''}
            end
            """;
    /**
     * Leases at most {@code max} lanes due by {@code now} in the due sets {@code KEYS[first..last]}
     * until {@code leaseEnd}. Returns 1 when lanes are left due beyond those claimed, else 0, then
     * the lanes claimed.
     */
    private static final String CLAIM_FUNCTION = """
            local function claim(first, last, again, now, max, leaseEnd)
              local claimed = {0}
              for k = first, last do
                local due = redis.call('ZRANGEBYSCORE', KEYS[k], '-inf', now, 'LIMIT', 0, max + 2 - #claimed)
                for _, lane in ipairs(due) do
                  if #claimed > max then
                    claimed[1] = 1
                    break
                  end
                  redis.call('ZADD', KEYS[k], leaseEnd, lane)
                  redis.call('SREM', again, lane)
                  table.insert(claimed, lane)
                end
                if claimed[1] == 1 then break end
              end
              return claimed
            end
            """;
    /**
     * The claim's answer with the first lane's head ({@link #HEAD_FUNCTION}) after the flag, or 0
     * when {@code prefix} is '' (a cluster: that lane's keys live in another slot, so the worker
     * asks for its head on its own). Where one server holds every key the script reads them by
     * name, built from the key prefix and the lane it just claimed.
     */
    private static final String CLAIMED_FUNCTION = """
            local function with_head(claimed, prefix)
              local answer = {claimed[1], 0}
              if prefix ~= '' and #claimed > 1 then
                local lane = claimed[2]
                local slash = string.find(lane, '/', 1, true)
                local platform = string.sub(lane, slash + 1)
                local progress = prefix .. '{' .. string.sub(lane, 1, slash - 1) .. '}:outbox'
                answer[2] = head(progress .. ':' .. platform, progress, platform)
              end
              for i = 2, #claimed do table.insert(answer, claimed[i]) end
              return answer
            end
            """;
    /** KEYS: the platforms' due sets, then the again set. ARGV: now, max, lease end, key prefix or ''. */
    private static final String CLAIM_SCRIPT = HEAD_FUNCTION + CLAIM_FUNCTION + CLAIMED_FUNCTION + """
            return with_head(claim(1, #KEYS - 1, KEYS[#KEYS], ARGV[1], tonumber(ARGV[2]), ARGV[3]), ARGV[4])
            """;
    /** KEYS: the lane's due set. ARGV: lane, token, new lease end. */
    private static final String RENEW_SCRIPT = """
            local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            return 1
            """;
    /** Gives a lane back unless another worker holds it now (its token, the lease's end, differs). */
    private static final String RELEASE_FUNCTION = """
            local function release(due, again, lane, token, nextDue, now)
              local score = redis.call('ZSCORE', due, lane)
              if not score or tonumber(score) ~= tonumber(token) then return 0 end
              if redis.call('SREM', again, lane) == 1 then redis.call('ZADD', due, now, lane)
              elseif nextDue ~= '' then redis.call('ZADD', due, nextDue, lane)
              else redis.call('ZREM', due, lane) end
              return 1
            end
            """;
    /** KEYS: the lane's due set, again. ARGV: lane, token, next due or '', now. */
    private static final String RELEASE_SCRIPT = RELEASE_FUNCTION + """
            return release(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
            """;
    /**
     * KEYS: the released lane's due set, the platforms' due sets, then the again set. ARGV: lane,
     * token, next due or '', now, lease end, key prefix or ''. Returns as {@link #CLAIM_SCRIPT},
     * for one lane.
     */
    private static final String RELEASE_AND_CLAIM_SCRIPT = HEAD_FUNCTION + RELEASE_FUNCTION + CLAIM_FUNCTION
            + CLAIMED_FUNCTION + """
            release(KEYS[1], KEYS[#KEYS], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
            return with_head(claim(2, #KEYS - 1, KEYS[#KEYS], ARGV[4], 1, ARGV[5]), ARGV[6])
            """;
    /** KEYS: lane list, progress hash. ARGV: platform. */
    private static final String HEAD_SCRIPT = HEAD_FUNCTION + """
            return head(KEYS[1], KEYS[2], ARGV[1])
            """;
    /**
     * Completes entry {@code id} of the lane when it is still the first: its progress goes, the
     * failures (ARGV[firstFailure..]) are kept, and the room's record ('' = none) is written.
     */
    private static final String COMPLETE_FUNCTION = """
            local function complete(lane, progress, failed, rooms, id, platform, room, firstFailure)
              local first = redis.call('LINDEX', lane, 0)
              if first and string.sub(first, 1, #id + 1) == id .. '\\n' then
                redis.call('LPOP', lane)
                redis.call('HDEL', progress, platform)
                for i = firstFailure, #ARGV do redis.call('LPUSH', failed, ARGV[i]) end
                if #ARGV >= firstFailure then redis.call('LTRIM', failed, 0, 49) end
                if room ~= '' then redis.call('HSET', rooms, platform, room) end
              end
            end
            """;
    /**
     * KEYS: lane list, progress hash, failures, rooms hash. ARGV: id, platform, the room's record
     * ('' = none), failures… Completes the entry when it is still the first (and writes the
     * room's record then), then answers as {@link #HEAD_SCRIPT}.
     */
    private static final String COMPLETE_SCRIPT = HEAD_FUNCTION + COMPLETE_FUNCTION + """
            complete(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], 4)
            return head(KEYS[1], KEYS[2], ARGV[2])
            """;
    /**
     * KEYS: lane list, progress hash, failures, rooms hash, the lane's due set, the platforms'
     * due sets, then the again set. ARGV: id, platform, the room's record or '', lane, token,
     * now, lease end, key prefix, failures… As {@link #COMPLETE_SCRIPT}; when that leaves the
     * lane empty, also as {@link #RELEASE_AND_CLAIM_SCRIPT}. Returns {0, head} or {1, claims}.
     * Only where one server holds every key: it spans the incident's slot and the queue's.
     */
    private static final String COMPLETE_AND_RELEASE_SCRIPT = HEAD_FUNCTION + COMPLETE_FUNCTION + RELEASE_FUNCTION
            + CLAIM_FUNCTION + CLAIMED_FUNCTION + """
            complete(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], 9)
            local following = head(KEYS[1], KEYS[2], ARGV[2])
            if #following > 0 then return {0, following} end
            release(KEYS[5], KEYS[#KEYS], ARGV[4], ARGV[5], '', ARGV[6])
            return {1, with_head(claim(6, #KEYS - 1, KEYS[#KEYS], ARGV[6], 1, ARGV[7]), ARGV[8])}
            """;
    /** KEYS: progress hash, rooms hash. ARGV: platform, progress, the room's record. */
    private static final String PROGRESS_AND_ROOM_SCRIPT = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
            return 1
            """;
    /** Lanes marked due per script while recovering. */
    private static final int RECOVERY_BATCH = 100;
    /** How many failures for good an incident keeps for its status. */
    private static final int KEPT_FAILURES = 50;

    private final RedisConnection connection;
    private final UnifiedJedis jedis;

    public RedisDeliveryQueue(RedisConnection connection) {
        this.connection = connection;
        this.jedis = connection.jedis();
    }

    @Override
    public void enqueue(String id, Delivery delivery, Collection<String> platforms, Instant now) {
        if (platforms.isEmpty()) {
            return;
        }
        String entry = entry(id, delivery, now);
        List<String> lists = platforms.stream().map(p -> RedisKeys.outbox(delivery.incident(), p)).toList();
        // The lanes first: a lane marked due with nothing in it costs one empty look; the reverse would lose a wake-up.
        RedisCalls.call(() -> jedis.eval(ENQUEUE_SCRIPT, lists, List.of(entry)));
        // A crash right here leaves the lanes unmarked: recoverLanes finds them.
        markDue(delivery.incident(), platforms, now);
    }

    @Override
    public Announcement announcement(String id, Delivery delivery, Collection<String> platforms, Instant now) {
        // Where one server holds every key, the change's own script marks the lanes due too.
        return new Announcement(entry(id, delivery, now), List.copyOf(platforms),
                connection.oneServerHoldsEveryKey() ? now : null);
    }

    /**
     * The keys {@link #DUE_FUNCTION} needs for {@code platforms}' lanes, in its order: each
     * lane's due set, each one's wake list, the again set, the platforms set.
     */
    static List<String> dueKeys(Collection<String> platforms) {
        List<String> keys = new ArrayList<>();
        platforms.forEach(platform -> keys.add(RedisKeys.outboxDue(platform)));
        platforms.forEach(platform -> keys.add(RedisKeys.outboxWake(platform)));
        keys.add(RedisKeys.OUTBOX_AGAIN);
        keys.add(RedisKeys.OUTBOX_PLATFORMS);
        return keys;
    }

    /** A lane's entry: the id on a line of its own (for cheap matching in scripts), then the delivery. */
    private static String entry(String id, Delivery delivery, Instant now) {
        return id + "\n" + IncidentJson.write(StoredDelivery.Entry.of(id, now, delivery));
    }

    @Override
    public void markDue(IncidentId incident, Collection<String> platforms, Instant now) {
        if (!platforms.isEmpty()) {
            markDue(platforms.stream().map(p -> new Lane(incident, p)).toList(), now);
        }
    }

    private void markDue(List<Lane> lanes, Instant now) {
        List<String> keys = dueKeys(lanes.stream().map(Lane::platform).toList());
        List<String> args = new ArrayList<>();
        args.add(Long.toString(now.toEpochMilli()));
        lanes.forEach(lane -> args.add(laneName(lane)));
        RedisCalls.call(() -> jedis.eval(DUE_SCRIPT, keys, args));
    }

    @Override
    public int recoverLanes(Instant now) {
        List<Lane> holding = new ArrayList<>();
        for (String key : connection.scanKeys(RedisKeys.ALL_OUTBOX_LANES_PATTERN)) {
            int close = key.indexOf('}');
            int platformAt = key.indexOf(":outbox:");
            Optional<IncidentId> incident = IncidentId.tryParse(key.substring(key.indexOf('{') + 1, close));
            if (incident.isPresent() && platformAt > close && RedisCalls.call(() -> jedis.llen(key)) > 0) {
                holding.add(new Lane(incident.get(), key.substring(platformAt + ":outbox:".length())));
            }
        }
        for (int from = 0; from < holding.size(); from += RECOVERY_BATCH) {
            markDue(holding.subList(from, Math.min(holding.size(), from + RECOVERY_BATCH)), now);
        }
        return holding.size();
    }

    @Override
    public WorkSignal workSignal(Collection<String> platforms) {
        return new RedisWakeList(connection, platforms);
    }

    @Override
    public Claims claimDue(Collection<String> platforms, Instant now, int max, Duration lease) {
        if (platforms.isEmpty()) {
            return Claims.none();
        }
        long until = now.plus(lease).toEpochMilli();
        List<String> keys = new ArrayList<>(platforms.stream().map(RedisKeys::outboxDue).toList());
        keys.add(RedisKeys.OUTBOX_AGAIN);
        return claims(RedisCalls.call(() -> jedis.eval(CLAIM_SCRIPT, keys, List.of(Long.toString(now.toEpochMilli()),
                Integer.toString(max), Long.toString(until), headPrefix()))), until);
    }

    /** What the claim scripts read the first claimed lane's head by: the key prefix on one server, else nothing. */
    private String headPrefix() {
        return connection.oneServerHoldsEveryKey() ? RedisKeys.PREFIX : "";
    }

    /**
     * The claim scripts' answer: whether more were due, the first lane's head (0: not read), then
     * the lanes now held until {@code until}.
     */
    private static Claims claims(Object result, long until) {
        List<Claim> claims = new ArrayList<>();
        if (!(result instanceof List<?> answer) || answer.size() < 2) {
            return Claims.none();
        }
        for (Object lane : answer.subList(2, answer.size())) {
            parseLane(String.valueOf(lane)).ifPresent(l -> claims.add(new Claim(l, until)));
        }
        Optional<Queued> firstHead = claims.isEmpty() || !(answer.get(1) instanceof List<?>) ? null : queued(answer.get(1));
        return new Claims(claims, Long.valueOf(1).equals(answer.get(0)), firstHead);
    }

    @Override
    public Optional<Queued> head(Lane lane) {
        return queued(RedisCalls.call(() -> jedis.eval(HEAD_SCRIPT,
                List.of(RedisKeys.outbox(lane.incident(), lane.platform()), RedisKeys.outboxProgress(lane.incident())),
                List.of(lane.platform()))));
    }

    /** The head function's answer: the entry with its progress, if the lane holds one. */
    private static Optional<Queued> queued(Object result) {
        if (!(result instanceof List<?> parts) || parts.isEmpty()) {
            return Optional.empty();
        }
        String stored = String.valueOf(parts.get(0));
        int newline = stored.indexOf('\n');
        StoredDelivery.Entry entry = IncidentJson.read(stored.substring(newline + 1), StoredDelivery.Entry.class);
        String progressJson = String.valueOf(parts.get(1));
        Progress progress = progressJson.isEmpty() ? null : IncidentJson.read(progressJson, Progress.class);
        if (progress == null || !entry.id().equals(progress.id())) {
            progress = new Progress(entry.id(), 0, null, null, Set.of(), null); // none yet, or a completed one's
        }
        return Optional.of(new Queued(entry.id(), entry.takenAt(), entry.delivery(), progress.attempts(),
                progress.retryAt(), progress.lastError(), progress.stepsDone(), progress.startedAt()));
    }

    @Override
    public void saveProgress(Lane lane, Progress progress, IncidentRoom room) {
        String json = IncidentJson.write(progress);
        if (room == null) {
            RedisCalls.call(() -> jedis.hset(RedisKeys.outboxProgress(lane.incident()), lane.platform(), json));
            return;
        }
        // Both in the incident's slot: one script, so on a cluster too.
        RedisCalls.call(() -> jedis.eval(PROGRESS_AND_ROOM_SCRIPT, List.of(RedisKeys.outboxProgress(lane.incident()),
                RedisKeys.rooms(lane.incident())), List.of(lane.platform(), json, RedisIncidentRooms.encode(room))));
    }

    @Override
    public void complete(Lane lane, String id, List<String> failures, Instant now) {
        completeAndHead(lane, id, failures, now);
    }

    @Override
    public Optional<Queued> completeAndHead(Lane lane, String id, List<String> failures, Instant now,
                                            IncidentRoom room) {
        List<String> args = new ArrayList<>(List.of(id, lane.platform(), room == null ? "" : RedisIncidentRooms.encode(room)));
        failures.forEach(f -> args.add(IncidentJson.write(new StoredDelivery.Failure(lane.platform(), now, f))));
        return queued(RedisCalls.call(() -> jedis.eval(COMPLETE_SCRIPT, List.of(RedisKeys.outbox(lane.incident(),
                lane.platform()), RedisKeys.outboxProgress(lane.incident()), RedisKeys.outboxFailed(lane.incident()),
                RedisKeys.rooms(lane.incident())), args)));
    }

    @Override
    public Completed completeAndRelease(Claim claim, String id, List<String> failures, Instant now, IncidentRoom room,
                                        Collection<String> platforms, Duration lease) {
        if (!connection.oneServerHoldsEveryKey()) {
            return DeliveryQueue.super.completeAndRelease(claim, id, failures, now, room, platforms, lease);
        }
        Lane lane = claim.lane();
        long until = now.plus(lease).toEpochMilli();
        List<String> keys = new ArrayList<>(List.of(RedisKeys.outbox(lane.incident(), lane.platform()),
                RedisKeys.outboxProgress(lane.incident()), RedisKeys.outboxFailed(lane.incident()),
                RedisKeys.rooms(lane.incident()), RedisKeys.outboxDue(lane.platform())));
        platforms.forEach(platform -> keys.add(RedisKeys.outboxDue(platform)));
        keys.add(RedisKeys.OUTBOX_AGAIN);
        List<String> args = new ArrayList<>(List.of(id, lane.platform(), room == null ? "" : RedisIncidentRooms.encode(room),
                laneName(lane), Long.toString(claim.leaseUntil()), Long.toString(now.toEpochMilli()),
                Long.toString(until), RedisKeys.PREFIX));
        failures.forEach(f -> args.add(IncidentJson.write(new StoredDelivery.Failure(lane.platform(), now, f))));
        Object result = RedisCalls.call(() -> jedis.eval(COMPLETE_AND_RELEASE_SCRIPT, keys, args));
        if (result instanceof List<?> answer && answer.size() == 2 && Long.valueOf(1).equals(answer.get(0))) {
            return new Completed(Optional.empty(), claims(answer.get(1), until));
        }
        return new Completed(result instanceof List<?> answer && answer.size() == 2 ? queued(answer.get(1))
                : Optional.empty(), null);
    }

    @Override
    public Optional<Claim> renew(Claim claim, Instant leaseUntil) {
        long until = leaseUntil.toEpochMilli();
        Object renewed = RedisCalls.call(() -> jedis.eval(RENEW_SCRIPT, List.of(RedisKeys.outboxDue(claim.lane().platform())),
                List.of(laneName(claim.lane()), Long.toString(claim.leaseUntil()), Long.toString(until))));
        return Long.valueOf(1).equals(renewed) ? Optional.of(new Claim(claim.lane(), until)) : Optional.empty();
    }

    @Override
    public void release(Claim claim, Instant nextDue, Instant now) {
        RedisCalls.call(() -> jedis.eval(RELEASE_SCRIPT,
                List.of(RedisKeys.outboxDue(claim.lane().platform()), RedisKeys.OUTBOX_AGAIN),
                List.of(laneName(claim.lane()), Long.toString(claim.leaseUntil()),
                        nextDue == null ? "" : Long.toString(nextDue.toEpochMilli()), Long.toString(now.toEpochMilli()))));
    }

    @Override
    public Claims releaseAndClaim(Claim claim, Instant nextDue, Collection<String> platforms, Instant now,
                                  Duration lease) {
        long until = now.plus(lease).toEpochMilli();
        List<String> keys = new ArrayList<>();
        keys.add(RedisKeys.outboxDue(claim.lane().platform()));
        platforms.forEach(platform -> keys.add(RedisKeys.outboxDue(platform)));
        keys.add(RedisKeys.OUTBOX_AGAIN);
        return claims(RedisCalls.call(() -> jedis.eval(RELEASE_AND_CLAIM_SCRIPT, keys, List.of(laneName(claim.lane()),
                Long.toString(claim.leaseUntil()), nextDue == null ? "" : Long.toString(nextDue.toEpochMilli()),
                Long.toString(now.toEpochMilli()), Long.toString(until), headPrefix()))), until);
    }

    @Override
    public List<Owed> owed(IncidentId incident, Collection<String> platforms) {
        List<Owed> owed = new ArrayList<>();
        for (String platform : platforms) {
            Lane lane = new Lane(incident, platform);
            long length = RedisCalls.call(() -> jedis.llen(RedisKeys.outbox(incident, platform)));
            if (length == 0) {
                continue;
            }
            Optional<Queued> head = head(lane);
            owed.add(new Owed(platform, (int) length, head.map(Queued::attempts).orElse(0),
                    head.map(Queued::retryAt).orElse(null), head.map(Queued::lastError).orElse(null)));
        }
        return owed;
    }

    @Override
    public List<Failure> failures(IncidentId incident) {
        List<String> stored = RedisCalls.call(() -> jedis.lrange(RedisKeys.outboxFailed(incident), 0, KEPT_FAILURES - 1));
        return stored.stream().map(json -> IncidentJson.read(json, StoredDelivery.Failure.class))
                .map(f -> new Failure(f.platform(), f.at(), f.what())).toList();
    }

    @Override
    public Map<String, Long> lanesOwed() {
        Set<String> platforms = RedisCalls.call(() -> jedis.smembers(RedisKeys.OUTBOX_PLATFORMS));
        Map<String, Long> byPlatform = new TreeMap<>();
        for (String platform : platforms) {
            long lanes = RedisCalls.call(() -> jedis.zcard(RedisKeys.outboxDue(platform)));
            if (lanes > 0) {
                byPlatform.put(platform, lanes);
            }
        }
        return byPlatform;
    }

    /** {@code INC-7/slack}. */
    static String laneName(Lane lane) {
        return lane.incident() + "/" + lane.platform();
    }

    private static Optional<Lane> parseLane(String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return IncidentId.tryParse(name.substring(0, slash)).map(id -> new Lane(id, name.substring(slash + 1)));
    }
}
