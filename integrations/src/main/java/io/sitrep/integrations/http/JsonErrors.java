package io.sitrep.integrations.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes {@code {"ok": false, "error": "…"}} straight to a response: for the answers that must
 * not depend on content negotiation (a client that accepts no JSON still gets a JSON error,
 * never an HTML page).
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        byte[] body = json(error).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public static String json(String error) {
        return "{\"ok\":false,\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(error)) + "\"}";
    }

    /**
     * What to say of a 5xx that the client's request caused rather than Sitrep (Tomcat answers
     * them before any of Sitrep's code runs): "something went wrong inside Sitrep" would send
     * the reader to Sitrep's logs for a request that could never have worked.
     */
    public static java.util.Optional<String> clientCaused(int status) {
        return switch (status) {
            case 501 -> java.util.Optional.of("Sitrep does not answer this request method; it answers GET, HEAD, "
                    + "POST, PUT, PATCH, DELETE and OPTIONS.");
            case 505 -> java.util.Optional.of("The request's HTTP version is not one Sitrep speaks; send HTTP/1.1 "
                    + "(or HTTP/1.0).");
            default -> java.util.Optional.empty();
        };
    }
}
