package io.sitrep.integrations.http;

/** The body of every failed API call: {@code {"ok": false, "error": "<human sentence>"}}. */
record ApiError(boolean ok, String error) {

    static ApiError of(String error) {
        return new ApiError(false, error);
    }
}
