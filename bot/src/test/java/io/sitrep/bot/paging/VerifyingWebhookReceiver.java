package io.sitrep.bot.paging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver of Standard Webhooks as its documentation tells receivers to be: it checks the
 * signature itself (HMAC-SHA256 of {@code id.timestamp.body} under the secret's bytes, any of
 * the space-separated {@code v1,} signatures), refuses a timestamp more than five minutes off,
 * and takes a message id once — a repeat of one it took is answered 200 and not taken again.
 */
public final class VerifyingWebhookReceiver implements Function<ScriptedReceiver.Request, ScriptedReceiver.Answer> {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private final byte[] key;
    private final List<String> takenIds = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> repeats = new CopyOnWriteArrayList<>();

    public VerifyingWebhookReceiver(String secret) {
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    @Override
    public ScriptedReceiver.Answer apply(ScriptedReceiver.Request request) {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signatures = request.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return refused("missing a webhook-* header");
        }
        if (Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), Instant.now()).abs()
                .compareTo(TOLERANCE) > 0) {
            return refused("timestamp " + timestamp + " is too far from now");
        }
        byte[] expected = hmac(id + "." + timestamp + "." + request.body());
        boolean signed = false;
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    Base64.getDecoder().decode(signature.substring(3)))) {
                signed = true;
            }
        }
        if (!signed) {
            return refused("no valid signature for " + id);
        }
        if (takenIds.contains(id)) {
            repeats.add(id);
            return new ScriptedReceiver.Answer(200, Map.of(), "{\"duplicate\":true}");
        }
        takenIds.add(id);
        return ScriptedReceiver.Answer.status(204);
    }

    private ScriptedReceiver.Answer refused(String problem) {
        problems.add(problem);
        return new ScriptedReceiver.Answer(401, Map.of(), "{\"error\":\"" + problem + "\"}");
    }

    private byte[] hmac(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests it refused (bad or missing signature, stale timestamp), in words. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Ids sent again after it had taken them. */
    public List<String> repeats() {
        return List.copyOf(repeats);
    }

    public void reset() {
        takenIds.clear();
        problems.clear();
        repeats.clear();
    }
}
