package io.switchboard.source.chatpostsurvey.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.camel.api.ResultContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transcript e-mail decision: {@code {"sendTranscript": bool, "to": [e-mail], "subject"}} or null (no decision).
 * Sending needs at least one address; anything else is an error of the function.
 */
final class TranscriptDecisionContract implements ResultContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Object map(String resultJson) {
        JsonNode result;
        try {
            result = JSON.readTree(resultJson == null ? "null" : resultJson);
        } catch (JsonProcessingException e) {
            throw new InvalidResultException("The result is not JSON: " + e.getOriginalMessage());
        }
        if (result == null || result.isNull() || result.isMissingNode()) {
            return null;
        }
        if (!result.isObject() || !result.path("sendTranscript").isBoolean()) {
            throw new InvalidResultException("A transcript decision is {\"sendTranscript\": true|false, \"to\": [e-mail], \"subject\"} or null, not "
                    + result);
        }
        Map<String, Object> decision = new LinkedHashMap<>();
        boolean send = result.get("sendTranscript").asBoolean();
        decision.put("sendTranscript", send);
        if (!send) {
            return decision;
        }
        List<String> to = new ArrayList<>();
        for (JsonNode address : result.path("to")) {
            if (!address.isTextual() || address.asText().indexOf('@') <= 0) {
                throw new InvalidResultException("\"to\" holds e-mail addresses, not " + address);
            }
            to.add(address.asText());
        }
        if (to.isEmpty()) {
            throw new InvalidResultException("Sending the transcript needs at least one address in \"to\"");
        }
        decision.put("to", to);
        JsonNode subject = result.path("subject");
        if (!subject.isMissingNode() && !subject.isNull()) {
            if (!subject.isTextual()) {
                throw new InvalidResultException("\"subject\" is a text, not " + subject);
            }
            decision.put("subject", subject.asText());
        }
        return decision;
    }
}
