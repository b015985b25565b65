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
 * local callers need none.
 */
public final class ApiTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;
    private final String setting;
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
        boolean required = token != null && !token.isBlank();
        this.expected = required ? ("Bearer " + token).getBytes(StandardCharsets.UTF_8) : null;
        this.setting = setting;
        this.signedInstead = java.util.Set.copyOf(signedInstead);
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
        // Constant-time comparison: the time taken says nothing about how much of the token matched.
        if (!MessageDigest.isEqual(expected, given)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sitrep\"");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(header == null
                    ? "{\"ok\":false,\"error\":\"This API needs a bearer token: Authorization: Bearer <" + setting + ">.\"}"
                    : "{\"ok\":false,\"error\":\"The bearer token is wrong.\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The scheme name is case-insensitive (RFC 9110); the token itself is not. */
    private static String normaliseScheme(String header) {
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer " + header.substring(7) : header;
    }
}
