package io.sitrep.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A request that would only wait on a store known to be away is answered 503 before any of it is read. */
class StoreAwayInterceptorTest {

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/incidents");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void whileTheStoreIsKnownAwayTheRequestIsAnswered503WithTheUsualSentence() throws Exception {
        boolean goOn = new StoreAwayInterceptor(() -> true).preHandle(request, response, new Object());

        assertThat(goOn).isFalse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":false,\"error\":\"The incident store is "
                + "unavailable right now; nothing was changed. Try again shortly.\"}");
    }

    @Test
    void otherwiseTheRequestGoesOnUntouched() throws Exception {
        boolean goOn = new StoreAwayInterceptor(() -> false).preHandle(request, response, new Object());

        assertThat(goOn).isTrue();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.isCommitted()).isFalse();
    }
}
