package io.sitrep.integrations.http;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import io.sitrep.incident.store.StoreAvailability;
import io.sitrep.incident.store.StoreUnavailableException;

/**
 * Answers 503 at once, before the body is read, while the store is known to be away: a request
 * that would only wait on a hung Redis holds none of the server's threads meanwhile. After the
 * token check (filters run first), so a caller without the token still hears 401.
 */
public final class StoreAwayInterceptor implements HandlerInterceptor {

    private final StoreAvailability store;

    public StoreAwayInterceptor(StoreAvailability store) {
        this.store = store;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!store.knownAway()) {
            return true;
        }
        JsonErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, StoreUnavailableException.TRY_AGAIN);
        return false;
    }
}
