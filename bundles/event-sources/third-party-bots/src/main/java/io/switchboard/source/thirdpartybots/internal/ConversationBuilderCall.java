package io.switchboard.source.thirdpartybots.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.api.WebhookRejectedException;
import io.switchboard.core.api.dispatch.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a Conversation Builder call {@code {"functionId": "...", "payload": {...}, "headers": [{"key", "value"}]}}: the
 * function goes into a header, the payload into the body, and the headers, as data for the function, into the
 * exchange property {@link SwitchboardHeaders#FUNCTION_INPUT_HEADERS}. They never become Camel headers: a body
 * naming {@code SwitchboardAccount} (Camel compares header names ignoring case) would otherwise choose the account the
 * function runs for, which only the caller's authentication decides.
 */
final class ConversationBuilderCall implements Processor {

    static final String FUNCTION_HEADER = SwitchboardHeaders.INTERNAL_PREFIX + "FunctionRef";
    /** Function ids and names only: no account part, no URI options. */
    private static final Pattern FUNCTION_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        JsonNode call = parse(message.getBody(String.class));
        String function = call.path("functionId").asText("");
        if (!FUNCTION_REF.matcher(function).matches()) {
            throw new WebhookRejectedException(400, "functionId must be a function's id or name (letters, digits, _ . -), not '"
                    + function + "'");
        }
        if (!call.has("payload")) {
            throw new WebhookRejectedException(400, "A Conversation Builder call needs a payload member");
        }
        exchange.setProperty(SwitchboardHeaders.FUNCTION_INPUT_HEADERS, inputHeaders(call.path("headers")));
        message.setHeader(FUNCTION_HEADER, function);
        message.setBody(call.get("payload").toString());
    }

    /** The call's headers for the function; entries without a key, or with a name of the platform's, are left out. */
    private static List<Header> inputHeaders(JsonNode headers) {
        if (!headers.isMissingNode() && !headers.isNull() && !headers.isArray()) {
            throw new WebhookRejectedException(400, "headers is a list of {\"key\", \"value\"}");
        }
        List<Header> inputs = new ArrayList<>();
        for (JsonNode header : headers) {
            String key = header.path("key").asText("");
            if (!key.isBlank() && !SwitchboardHeaders.isReserved(key)) {
                inputs.add(new Header(key, header.path("value").asText()));
            }
        }
        return List.copyOf(inputs);
    }

    private static JsonNode parse(String body) {
        JsonNode call;
        try {
            call = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WebhookRejectedException(400, "The body is not JSON: " + e.getOriginalMessage());
        }
        if (call == null || !call.isObject()) {
            throw new WebhookRejectedException(400, "The body is {\"functionId\", \"payload\", \"headers\"}");
        }
        return call;
    }
}
