package io.switchboard.source.thirdpartybots.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.api.WebhookRejectedException;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a Conversation Builder call {@code {"functionId": "...", "payload": {...}, "headers": [{"key", "value"}]}}: the
 * function goes into a header, the payload into the body, the headers onto the message for the function.
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
        for (JsonNode header : call.path("headers")) {
            message.setHeader(header.path("key").asText(), header.path("value").asText());
        }
        message.setHeader(FUNCTION_HEADER, function);
        message.setBody(call.get("payload").toString());
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
