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
}
