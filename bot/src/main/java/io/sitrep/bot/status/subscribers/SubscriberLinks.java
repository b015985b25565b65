package io.sitrep.bot.status.subscribers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The links in subscribers' mail: {@code <id>.<signature>}, an HMAC-SHA256 of the purpose and the
 * subscription's id with a secret every replica shares. Nothing per link is stored, so a
 * subscription's links work in every mail it was sent; they stop working when it is removed
 * (its id is then unknown), and a new subscription of the same address has a new id. A
 * confirmation link cannot manage and a manage link cannot confirm.
 */
public final class SubscriberLinks {

    enum Purpose { CONFIRM, MANAGE }

    private final byte[] secret;
    private final UnaryOperator<String> publicUrl;

    /** @param secret the shared secret, given a fresh one to keep when there is none yet */
    public SubscriberLinks(Function<String, String> secret, UnaryOperator<String> publicUrl) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        this.secret = secret.apply(Base64.getUrlEncoder().withoutPadding().encodeToString(fresh))
                .getBytes(StandardCharsets.UTF_8);
        this.publicUrl = publicUrl;
    }

    String token(Purpose purpose, String id) {
        return id + "." + sign(purpose, id);
    }

    /** The subscription id a token was made for, when it is one of ours for {@code purpose}. */
    Optional<String> id(Purpose purpose, String token) {
        if (token == null || token.length() > 200 || token.indexOf('.') < 1) {
            return Optional.empty();
        }
        String id = token.substring(0, token.indexOf('.'));
        byte[] given = token.substring(token.indexOf('.') + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, sign(purpose, id).getBytes(StandardCharsets.UTF_8))
                ? Optional.of(id) : Optional.empty();
    }

    String confirm(String id) {
        return publicUrl.apply("/status/subscriptions/confirm?token=" + token(Purpose.CONFIRM, id));
    }

    String manage(String id) {
        return publicUrl.apply("/status/subscriptions/manage?token=" + token(Purpose.MANAGE, id));
    }

    String unsubscribe(String id) {
        return publicUrl.apply("/status/subscriptions/unsubscribe?token=" + token(Purpose.MANAGE, id));
    }

    String incident(String incident) {
        return publicUrl.apply("/status/incidents/" + incident);
    }

    /** A maintenance window has no page of its own: its place on the status page. */
    String maintenance(String window) {
        return publicUrl.apply("/status#" + window);
    }

    private String sign(Purpose purpose, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((purpose.name() + ":" + id).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
