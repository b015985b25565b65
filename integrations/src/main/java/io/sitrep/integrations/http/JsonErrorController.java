package io.sitrep.integrations.http;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends what went wrong outside any controller (a 406 the client's
 * {@code Accept} caused, a failed filter): a JSON error with the real status, whatever the
 * client accepts. Asked for directly, {@code /error} is just a path that does not exist.
 */
@RestController
public class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            JsonErrors.write(response, 404, "There is nothing at /error.");
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String error = switch (status) {
            case 404 -> "There is nothing at " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) + ".";
            case 406 -> "This answers in JSON (or the format the path names); the request's Accept allows none of it.";
            case 413 -> "The request body is over the limit.";
            default -> JsonErrors.clientCaused(status).orElse(status >= 500
                    ? "Sorry, something went wrong inside Sitrep; it has been logged."
                    : known == null ? "The request was refused (" + status + ")." : known.getReasonPhrase() + ".");
        };
        JsonErrors.write(response, status, error);
    }
}
