package io.switchboard.camel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.Header;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

/** Converts between Camel messages and the JSON text and headers the core takes. */
public final class Payloads {

    /** Serialises bodies that are neither text nor bytes; times as ISO-8601 text. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("switchboard-times").addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Payloads() {
    }

    /** The body as JSON text: text and bytes as they are, any other object serialised. */
    public static String bodyAsJson(Message message) throws InvalidPayloadException {
        Object body = message.getBody();
        if (body == null) {
            throw new InvalidPayloadException(message.getExchange(), String.class);
        }
        if (body instanceof String || body instanceof byte[] || body instanceof InputStream) {
            return message.getMandatoryBody(String.class);
        }
        return toJson(body);
    }

    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The message headers a function receives: every text, number or boolean header except Camel's and ours. */
    public static List<Header> functionHeaders(Map<String, Object> headers) {
        List<Header> result = new ArrayList<>();
        headers.forEach((key, value) -> {
            boolean internal = key.regionMatches(true, 0, "Camel", 0, 5)
                    || key.regionMatches(true, 0, SwitchboardHeaders.INTERNAL_PREFIX, 0, SwitchboardHeaders.INTERNAL_PREFIX.length());
            if (!internal && (value instanceof CharSequence || value instanceof Number || value instanceof Boolean)) {
                result.add(new Header(key, value.toString()));
            }
        });
        return result;
    }
}
