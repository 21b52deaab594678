package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Requests the platform must refuse with a 4xx, sent over a plain socket: a client library would refuse or fix some. */
final class BadRequests {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) .*", Pattern.DOTALL);
    private static final String JSON = "application/json";

    private BadRequests() {
    }

    /** One bad request: what is wrong with it, its body, its content type (none when null) and its other headers. */
    record Request(String kind, byte[] body, String contentType, Map<String, String> headers) {

        /**
         * Sends the request and returns the answer's status code, or what happened instead: no answer within 20 s, or
         * a connection closed without one.
         */
        String send(int port, String path) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
                StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                if (contentType != null) {
                    head.append("Content-Type: ").append(contentType).append("\r\n");
                }
                head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                try {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                } catch (IOException closedEarly) {
                    // The server may answer and close before it read the whole body; its answer is read below.
                }
                return readStatus(socket.getInputStream());
            }
        }
    }

    /**
     * Every bad request for the command event of the account, with the admin key: as webhook bodies (the payload
     * itself) or, for the events API, as {@code {"payload": ...}} bodies.
     */
    static List<Request> all(ObjectNode commandSample, String adminKey, String account, boolean eventsApi) {
        Map<String, String> admin = new LinkedHashMap<>();
        admin.put("Authorization", "Bearer " + adminKey);
        if (!eventsApi) {
            admin.put("X-Switchboard-Account", account);
        }
        String json = eventsApi ? "{\"payload\":" + commandSample + "}" : commandSample.toString();
        byte[] sample = json.getBytes(StandardCharsets.UTF_8);
        List<Request> requests = new ArrayList<>();
        Random random = new Random(7); // the same "random" bodies on every run
        for (int i = 0; i < 8; i++) {
            byte[] bytes = new byte[1 + random.nextInt(2000)];
            random.nextBytes(bytes);
            requests.add(new Request("random bytes " + i, bytes, JSON, admin));
            requests.add(new Request("random JSON-like text " + i, jsonLikeText(random), JSON, admin));
            int cut = 1 + random.nextInt(sample.length - 1);
            requests.add(new Request("sample cut after " + cut + " bytes", Arrays.copyOf(sample, cut), JSON, admin));
        }
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            requests.add(new Request("content type " + type, sample, type, admin));
        }
        requests.add(new Request("no content type", sample, null, admin));
        requests.add(new Request("empty body", new byte[0], JSON, admin));
        requests.add(new Request("100 000 nested arrays", ascii("[".repeat(100_000) + "]".repeat(100_000)), JSON, admin));
        requests.add(new Request("20 000 nested objects", ascii("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)), JSON, admin));
        requests.add(new Request("invalid UTF-8 in a string",
                replace(json, "message", new byte[] {'m', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, '('}), JSON, admin));
        // Jackson alone decodes the overlong form as "/"; both the webhook and the API check UTF-8 strictly first.
        requests.add(new Request("overlong UTF-8 in a string", replace(json, "message", new byte[] {(byte) 0xc0, (byte) 0xaf}),
                JSON, admin));
        requests.add(new Request("duplicate keys", ascii("{\"accountId\":\"a\",\"accountId\":\"b\"}"), JSON, admin));
        requests.add(new Request("forged signature", sample, JSON,
                Map.of("X-Switchboard-Account", account, "X-Switchboard-Signature", "sha256=" + "0".repeat(64))));
        requests.add(new Request("signature that is not hex", sample, JSON,
                Map.of("X-Switchboard-Account", account, "X-Switchboard-Signature", "sha256=zz")));
        requests.add(new Request("unknown key", sample, JSON,
                Map.of("Authorization", "Bearer nobody-has-this-key", "X-Switchboard-Account", account)));
        return requests;
    }

    private static byte[] jsonLikeText(Random random) {
        String alphabet = "{}[]\":,0123456789.eE+-truefalsn\\ ";
        StringBuilder text = new StringBuilder();
        for (int length = 1 + random.nextInt(2000); text.length() < length; ) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return ascii(text.toString());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The JSON as UTF-8, with the text replaced by raw bytes. */
    private static byte[] replace(String json, String text, byte[] replacement) {
        int at = json.indexOf(text);
        assertThat(at).as("the sample holds '%s'", text).isNotNegative();
        byte[] before = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = json.substring(at + text.length()).getBytes(StandardCharsets.UTF_8);
        byte[] result = Arrays.copyOf(before, before.length + replacement.length + after.length);
        System.arraycopy(replacement, 0, result, before.length, replacement.length);
        System.arraycopy(after, 0, result, before.length + replacement.length, after.length);
        return result;
    }

    private static String readStatus(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            return "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            if (line.length() == 0) {
                return "connection reset without an answer";
            }
        }
        Matcher status = STATUS_LINE.matcher(line.toString().strip());
        return status.matches() ? status.group(1) : "not an HTTP answer: '" + line + "'";
    }
}
