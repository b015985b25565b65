package io.sitrep.integrations.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What no request body gets past, before any controller or Bolt sees it: a body over the limit
 * (413, whether it says its length or streams it) and a {@code Content-Type} with a wildcard,
 * which names no type at all (415). Both are answered with a JSON error and change nothing.
 */
public final class InputGuardFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;

    public InputGuardFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.split(";", 2)[0].contains("*")) {
            JsonErrors.write(response, 415, "Content-Type " + type.split(";", 2)[0].strip()
                    + " names no type; send application/json (or what the endpoint documents).");
            return;
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            JsonErrors.write(response, 413, tooLarge());
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBodyBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (BodyTooLargeException.causedBy(e) && !response.isCommitted()) {
                response.reset();
                JsonErrors.write(response, 413, tooLarge());
                return;
            }
            throw e;
        }
    }

    private String tooLarge() {
        return "The request body is over the limit of " + maxBodyBytes / 1024 + " KiB.";
    }

    /** A body sent without a length (chunked) still stops at the limit. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLargeException();
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }
    }

    /** Thrown while reading a body past the limit; an IOException so readers pass it on. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("the request body is over the limit");
        }

        static boolean causedBy(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BodyTooLargeException) {
                    return true;
                }
            }
            return false;
        }
    }
}
