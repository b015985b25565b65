package io.sitrep.integrations.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.sitrep.incident.IncidentNotFoundException;
import io.sitrep.incident.store.StoreUnavailableException;

/**
 * The HTTP adapter's one error boundary: known failures become the documented JSON errors with their
 * status; anything else is logged with its context and answered with a short apology, never a
 * stack trace.
 */
@RestControllerAdvice
class ApiErrorBoundary {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorBoundary.class);

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (InputGuardFilter.BodyTooLargeException.causedBy(e)) {
            return status(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is over the limit.");
        }
        return status(HttpStatus.BAD_REQUEST,
                "The request body must be JSON like {\"text\": \"/incident list\", \"user\": \"alice\", \"channel\": \"ops\"}.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return status(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request as Content-Type: application/json.");
    }

    /** Written directly: the client's Accept is what failed, so negotiating the error's format would fail too. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpServletResponse response) throws IOException {
        JsonErrors.write(response, 406, "This answers in JSON (or the format the path names); the request's Accept "
                + "allows none of it.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return status(HttpStatus.METHOD_NOT_ALLOWED, e.getMethod() + " is not supported here.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return status(HttpStatus.NOT_FOUND, "There is nothing at /" + e.getResourcePath() + ".");
    }

    @ExceptionHandler({IncidentApiController.BadIdException.class, IncidentApiController.BadFormatException.class,
            IncidentApiController.BadQueryException.class})
    ResponseEntity<ApiError> badRequest(RuntimeException e) {
        return status(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IncidentNotFoundException.class)
    ResponseEntity<ApiError> notFound(IncidentNotFoundException e) {
        return status(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ApiError> unavailable(StoreUnavailableException e) {
        log.warn("Store unavailable: {}", e.getMessage());
        return status(HttpStatus.SERVICE_UNAVAILABLE, StoreUnavailableException.TRY_AGAIN);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected API failure", e);
        return status(HttpStatus.INTERNAL_SERVER_ERROR, "Sorry, something went wrong inside Sitrep; it has been logged.");
    }

    private static ResponseEntity<ApiError> status(HttpStatus status, String error) {
        return ResponseEntity.status(status).body(ApiError.of(error));
    }
}
