package io.sitrep.integrations.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code v1,} and the base64 HMAC-SHA256, under the secret's bytes,
 * of {@code <webhook-id>.<webhook-timestamp>.<body>}. The secret is written as Standard Webhooks
 * writes it, {@code whsec_} and base64, so receivers can use its libraries as they are.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";
    private final byte[] key;

    /** @throws IllegalArgumentException when {@code secret} is no {@code whsec_} base64 secret (it stops the start) */
    public WebhookSignature(String secret) {
        String encoded = secret == null ? "" : secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        try {
            this.key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sitrep.paging.webhook-secret must be whsec_ followed by base64 "
                    + "(24 to 64 random bytes): " + e.getMessage());
        }
        if (key.length < 16) {
            throw new IllegalArgumentException("sitrep.paging.webhook-secret is too short: give it at least 16 random "
                    + "bytes (whsec_ and base64)");
        }
    }

    /** The {@code webhook-signature} header for this id, timestamp (epoch seconds) and body. */
    public String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The three Standard Webhooks headers of one try of message {@code id}, signed at {@code timestamp}. */
    public java.util.Map<String, String> headers(String id, long timestamp, String body) {
        return java.util.Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", sign(id, timestamp, body));
    }
}
