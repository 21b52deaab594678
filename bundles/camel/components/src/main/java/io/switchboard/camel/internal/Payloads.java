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
import org.apache.camel.Exchange;
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

    /**
     * The headers a function receives: every text, number or boolean header of the message whose name is not
     * {@linkplain SwitchboardHeaders#isReserved reserved}, then the route's {@link SwitchboardHeaders#FUNCTION_INPUT_HEADERS}.
     */
    public static List<Header> functionHeaders(Exchange exchange) {
        List<Header> result = new ArrayList<>();
        exchange.getMessage().getHeaders().forEach((key, value) -> {
            if (!SwitchboardHeaders.isReserved(key) && (value instanceof CharSequence || value instanceof Number || value instanceof Boolean)) {
                result.add(new Header(key, value.toString()));
            }
        });
        if (exchange.getProperty(SwitchboardHeaders.FUNCTION_INPUT_HEADERS) instanceof List<?> inputs) {
            for (Object input : inputs) {
                if (input instanceof Header header && !SwitchboardHeaders.isReserved(header.key())) {
                    result.add(header);
                }
            }
        }
        return result;
    }
}
