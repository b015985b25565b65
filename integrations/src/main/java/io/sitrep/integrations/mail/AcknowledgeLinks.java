package io.sitrep.integrations.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.sitrep.incident.IncidentId;

/**
 * The links in page mails that open the acknowledge page: {@code <public-url>/pages/ack?token=…}.
 * The token names the incident, the page and the person, signed with HMAC-SHA256 under a secret
 * every replica shares, so it is the credential itself — a person reading a mail has no API
 * token — and cannot be made for another incident, page or person. It never expires: a page
 * ends on its own, and the acknowledge page then says so.
 */
public final class AcknowledgeLinks {

    /** The path the link opens and the acknowledge form posts to. */
    public static final String PATH = "/pages/ack";
    /** Longer than any token this class makes; anything longer is refused before decoding. */
    private static final int LONGEST_TOKEN = 600;
    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** What a valid token names. */
    public record Claim(IncidentId incident, String page, String person) {
    }

    private final Function<String, String> secretStore;
    private final Function<String, String> publicLink;
    private volatile byte[] secret;

    /**
     * @param secretStore the shared secret, given a fresh one to keep when there is none yet
     * @param publicLink  a path under the public URL ({@code sitrep.public-url})
     */
    public AcknowledgeLinks(Function<String, String> secretStore, Function<String, String> publicLink) {
        this.secretStore = secretStore;
        this.publicLink = publicLink;
    }

    /** The link that acknowledges {@code page} of {@code incident} as {@code person}. */
    public String link(IncidentId incident, String page, String person) {
        return publicLink.apply(PATH + "?token=" + token(incident, page, person));
    }

    /** The token of the link (base64url, so it needs no escaping in a URL or a form). */
    public String token(IncidentId incident, String page, String person) {
        byte[] payload = payload(incident.toString(), page, person);
        return BASE64URL.encodeToString(payload) + "." + BASE64URL.encodeToString(mac(payload));
    }

    /** What {@code token} names, if it was made here; empty for anything else, however malformed. */
    public Optional<Claim> verify(String token) {
        if (token == null || token.length() > LONGEST_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] given;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Constant-time: how long the check takes says nothing about how much of the signature matched.
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        return IncidentId.tryParse(parts[0]).map(id -> new Claim(id, parts[1], parts[2]));
    }

    private static byte[] payload(String incident, String page, String person) {
        for (String part : new String[] {incident, page, person}) {
            if (part == null || part.isEmpty() || part.contains("\n")) {
                throw new IllegalArgumentException("an acknowledge link names an incident, a page and a person");
            }
        }
        return (incident + "\n" + page + "\n" + person).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret(), ALGORITHM));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Read once from the shared store (made there by the first replica that needs it), then kept. */
    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            known = Base64.getDecoder().decode(secretStore.apply(Base64.getEncoder().encodeToString(fresh)));
            secret = known;
        }
        return known;
    }
}
