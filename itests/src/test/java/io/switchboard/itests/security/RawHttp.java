package io.switchboard.itests.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a client library would refuse to send or to read: TRACE, dot segments, a
 * status of 101, headers such as {@code CamelHttpResponseCode}, a body that never comes.
 */
final class RawHttp {

    /**
     * The answer: status (0 when none came within the timeout or the connection closed first), headers (lower-case
     * names) and body text.
     */
    record Answer(int status, Map<String, String> headers, String body) {
        boolean answered() {
            return status > 0;
        }
    }

    private RawHttp() {
    }

    /** Sends the request line, headers and body (none when null), and reads the answer (Connection: close). */
    static Answer send(int port, String requestLine, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head(requestLine, headers, body == null ? -1 : body.length).getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before it read everything; its answer is read below.
            }
            return read(socket.getInputStream());
        }
    }

    /** The request head; a Content-Length of -1 leaves the header out. */
    static String head(String requestLine, Map<String, String> headers, long contentLength) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Reads an answer until the server closes the connection or the timeout passes. */
    static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // No (more) answer in time, or the connection was reset: what arrived so far is the answer.
        }
        return parse(bytes.toString(StandardCharsets.ISO_8859_1));
    }

    private static Answer parse(String text) {
        int endOfHead = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || endOfHead < 0) {
            return new Answer(0, Map.of(), text);
        }
        String[] lines = text.substring(0, endOfHead).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(status, headers, text.substring(endOfHead + 4));
    }
}
