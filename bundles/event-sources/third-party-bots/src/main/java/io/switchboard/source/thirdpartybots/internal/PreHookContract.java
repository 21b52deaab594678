package io.switchboard.source.thirdpartybots.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.camel.api.ResultContract;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pre hook returns {@code {"message": text, "context": {...}}} for the vendor, or nothing to keep the consumer's message. */
final class PreHookContract implements ResultContract {

    @Override
    public Object map(String resultJson) {
        JsonNode result = Json.parse(resultJson);
        if (result.isNull()) {
            return null;
        }
        if (!result.isObject() || !result.path("message").isTextual()) {
            throw new InvalidResultException("A pre hook returns {\"message\": \"text for the vendor\"} or nothing, not " + resultJson);
        }
        Map<String, Object> hook = new LinkedHashMap<>();
        hook.put("message", result.get("message").asText());
        if (result.has("context")) {
            hook.put("context", Json.plain(result.get("context")));
        }
        return hook;
    }
}
