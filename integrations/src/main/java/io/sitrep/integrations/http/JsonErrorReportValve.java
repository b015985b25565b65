package io.sitrep.integrations.http;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page for requests it refuses before any application code runs (a URL
 * with broken percent-encoding, say), as a JSON error instead of an HTML page.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            String error = status == 400 ? "The request is malformed (its URL, headers or encoding)."
                    : JsonErrors.clientCaused(status).orElse(status >= 500
                            ? "Sorry, something went wrong inside Sitrep; it has been logged."
                            : "The request was refused (" + status + ").");
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(JsonErrors.json(error));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the response was already under way: nothing more to say.
        }
    }
}
