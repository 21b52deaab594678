package io.switchboard.api.http.internal.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written while it is produced (an export), never held whole in memory: an {@link ApiResponse} body of
 * this type is sent with its own content type and no length.
 *
 * @param contentType the body's media type
 * @param writer writes the body to the response's stream
 */
public record StreamedBody(String contentType, Writer writer) {

    /** Writes a streamed body. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
