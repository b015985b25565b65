package io.sitrep.integrations.chat.slack;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.impl.MethodsClientImpl;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.util.http.SlackHttpClient;
import com.slack.api.util.json.GsonFactory;

import okhttp3.FormBody;
import okhttp3.Response;

/**
 * Slack's Web API client with one Gson for every call. The SDK builds a new Gson for each answer
 * it reads and for each message's blocks it writes, and a new Gson learns every type's fields
 * again by reflection: on a busy replica that was a third of a delivery worker's CPU. Gson is
 * thread-safe, so one per client serves all threads.
 *
 * <p>Answers are read as the SDK reads them (a non-2xx status is a {@link SlackApiException},
 * the headers are kept on the response, the configured listeners run); the SDK's per-call
 * statistics are not kept (Sitrep counts its calls itself).
 */
final class OneGsonMethodsClient extends MethodsClientImpl {

    private final SlackHttpClient http;
    private final SlackConfig config;
    private final Gson gson;

    /** A client for {@code token} on {@code slack}'s HTTP client and settings. */
    static OneGsonMethodsClient over(Slack slack, String token) {
        return new OneGsonMethodsClient(slack.getHttpClient(), slack.getConfig(),
                GsonFactory.createSnakeCase(slack.getConfig()), token);
    }

    private OneGsonMethodsClient(SlackHttpClient http, SlackConfig config, Gson gson, String token) {
        super(http, token);
        this.http = http;
        this.config = config;
        this.gson = gson;
        setEndpointUrlPrefix(config.getMethodsEndpointUrlPrefix());
    }

    @Override
    public ChatPostMessageResponse chatPostMessage(ChatPostMessageRequest req) throws IOException, SlackApiException {
        // Given as JSON, the SDK's form builder takes the text as it is instead of making a Gson of its own.
        if (req.getBlocksAsString() == null) {
            req.setBlocksAsString(json(req.getBlocks()));
        }
        if (req.getMetadataAsString() == null) {
            req.setMetadataAsString(json(req.getMetadata()));
        }
        return super.chatPostMessage(req);
    }

    @Override
    public ChatUpdateResponse chatUpdate(ChatUpdateRequest req) throws IOException, SlackApiException {
        if (req.getBlocksAsString() == null) {
            req.setBlocksAsString(json(req.getBlocks()));
        }
        if (req.getMetadataAsString() == null) {
            req.setMetadataAsString(json(req.getMetadata()));
        }
        return super.chatUpdate(req);
    }

    /** Null stays null: the form then leaves the field out, as the SDK does. */
    private String json(Object value) {
        return value == null ? null : gson.toJson(value);
    }

    @Override
    protected <T extends SlackApiTextResponse> T postFormWithTokenAndParseResponse(
            FormBody.Builder form, String methodName, String token, Class<T> type) throws IOException, SlackApiException {
        try (Response response = runPostFormWithToken(form, methodName, token)) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(config, response, body);
            }
            T answer;
            try {
                answer = gson.fromJson(body, type);
            } finally {
                http.runHttpResponseListeners(response, body);
            }
            if (answer == null) {
                throw new SlackApiException(config, response, body);
            }
            answer.setHttpResponseHeaders(lowerCased(response.headers().toMultimap()));
            return answer;
        }
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> lowered = new TreeMap<>();
        headers.forEach((name, values) -> lowered.put(name.toLowerCase(Locale.ROOT), values));
        return lowered;
    }
}
