package io.sitrep.integrations.chat.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;

/**
 * The first thing every HTTP request from Slack meets: its format, its age — past and future,
 * five minutes either way — and its v0 signature are checked before anything else runs, and
 * nothing here depends on Slack being reachable. A request that fails is answered 401 with a
 * JSON error at once and changes nothing. Socket Mode requests come over a socket Slack itself
 * authenticated, so they carry no signature to check.
 */
final class SignedRequests implements Middleware {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(SignedRequests.class);
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");

    private final byte[] secret;
    private final Clock clock;

    SignedRequests(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.isSocketMode()) {
            return chain.next(req);
        }
        Optional<String> refused = refusal(header(req, "X-Slack-Request-Timestamp"), header(req, "X-Slack-Signature"),
                req.getRequestBodyAsString());
        if (refused.isPresent()) {
            log.info("Refused a request to /slack/events: {}", refused.get());
            resp.setStatusCode(401);
            resp.setContentType("application/json; charset=utf-8");
            resp.setBody("{\"ok\":false,\"error\":\"" + refused.get() + "\"}");
            return resp;
        }
        return chain.next(req);
    }

    /** Why the request is not Slack's, or empty when it is; plain sentences without quotes. */
    Optional<String> refusal(String timestamp, String signature, String body) {
        if (timestamp == null || signature == null) {
            return Optional.of("the request is not signed by Slack (X-Slack-Request-Timestamp and X-Slack-Signature"
                    + " are required)");
        }
        if (!TIMESTAMP.matcher(timestamp).matches() || !SIGNATURE.matcher(signature).matches()) {
            return Optional.of("the signature headers are malformed");
        }
        long skew = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (skew > MAX_AGE.toSeconds()) {
            return Optional.of("the request is more than 5 minutes old (a replay?)");
        }
        if (-skew > MAX_AGE.toSeconds()) {
            return Optional.of("the request is dated more than 5 minutes in the future");
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(hmac(timestamp, body == null ? "" : body)))
                .getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match");
        }
        return Optional.empty();
    }

    private byte[] hmac(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String header(Request req, String name) {
        String value = req.getHeaders().getFirstValue(name);
        return value != null ? value : req.getHeaders().getFirstValue(name.toLowerCase(java.util.Locale.ROOT));
    }
}
