package io.sitrep.integrations.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.sitrep.config.ApiSettings;

/**
 * Requires {@code Authorization: Bearer <sitrep.api.token>} on {@code /api/**}. Without a
 * configured token the server listens on loopback only (see the application's start-up), and
 * local callers need none. A page people open in a browser ({@link #orBasic()}) also takes HTTP
 * Basic with the token as the password, so the browser can ask for it; the API never does.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;
    private final String setting;
    private final boolean basic;
    private final java.util.Set<String> signedInstead;

    public ApiTokenFilter(ApiSettings settings) {
        this(settings.token(), "sitrep.api.token");
    }

    /**
     * @param token   the bearer token callers must send; blank: none required
     * @param setting the setting it comes from, named in the answer to a caller without it
     */
    public ApiTokenFilter(String token, String setting) {
        this(token, setting, java.util.Set.of());
    }

    /**
     * @param signedInstead paths whose callers cannot send a bearer token and sign each body
     *                      instead ({@code /hooks/github}): their endpoint checks the signature
     */
    public ApiTokenFilter(String token, String setting, java.util.Set<String> signedInstead) {
        this(token == null || token.isBlank() ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8), setting,
                false, signedInstead);
    }

    private ApiTokenFilter(byte[] expected, String setting, boolean basic, java.util.Set<String> signedInstead) {
        this.expected = expected;
        this.setting = setting;
        this.basic = basic;
        this.signedInstead = java.util.Set.copyOf(signedInstead);
    }

    /**
     * The same check that also takes {@code Authorization: Basic} with any user name and the
     * token as the password, and asks a browser for it when it is missing or wrong.
     */
    public ApiTokenFilter orBasic() {
        return new ApiTokenFilter(expected, setting, true, signedInstead);
    }

    /**
     * Only the registration's URL pattern ({@code /api/*}, matched by the container on the
     * decoded, normalised path) decides where this runs: re-reading the raw URI here would let
     * {@code /api;x/…} or {@code /%61pi/…} slip past.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The servlet path is the decoded, normalised one the endpoint is matched on too.
        return expected == null || signedInstead.contains(request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        byte[] given = header == null ? new byte[0] : normaliseScheme(header.strip()).getBytes(StandardCharsets.UTF_8);
        if (basic && header != null && header.strip().regionMatches(true, 0, "Basic ", 0, 6)) {
            given = basicPasswordAsBearer(header.strip().substring(6).strip());
        }
        // Constant-time comparison: the time taken says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(expected, given)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sitrep\"");
            if (basic) {
                response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"sitrep\", charset=\"UTF-8\"");
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(header == null
                    ? "{\"ok\":false,\"error\":\"This API needs a bearer token: Authorization: Bearer <" + setting + ">.\"}"
                    : "{\"ok\":false,\"error\":\"The " + (basic ? "token" : "bearer token") + " is wrong.\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * {@code user:password} decoded, its password in the form the bearer check compares, so
     * both schemes meet the same constant-time comparison; nothing that can match for a
     * malformed value.
     */
    private static byte[] basicPasswordAsBearer(String encoded) {
        try {
            String pair = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? new byte[0] : ("Bearer " + pair.substring(colon + 1)).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The scheme name is case-insensitive (RFC 9110); the token itself is not. */
    private static String normaliseScheme(String header) {
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + header.substring(7) : header;
    }
}
