package io.sitrep.integrations.chat.slack;

import java.io.IOException;

import com.google.gson.Gson;
import com.slack.api.util.http.SlackHttpClient;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The SDK's HTTP client, writing JSON bodies (a command's answer to its {@code response_url})
 * with one shared Gson instead of a new one per answer; see {@link OneGsonMethodsClient}.
 */
final class OneGsonHttpClient extends SlackHttpClient {

    private static final MediaType JSON = MediaType.parse("application/json; charset=utf-8");

    private final Gson gson;

    OneGsonHttpClient(OkHttpClient http, Gson gson) {
        super(http);
        this.gson = gson;
    }

    @Override
    public Response postJsonBody(String url, Object body) throws IOException {
        Request request = new Request.Builder().url(url).post(RequestBody.create(gson.toJson(body), JSON)).build();
        return getOkHttpClient().newCall(request).execute();
    }
}
