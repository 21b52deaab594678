package io.switchboard.core.internal.dispatch;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.internal.json.Json;

/**
 * Checks a function's result against the result schema its event type ships: a result that breaks it is an error of
 * the function ({@value #INVALID_RESULT}), recorded as such, never delivered.
 */
final class ResultCheck {

    /** The error code of a result that breaks its event's contract (the executor uses it for results that are not JSON). */
    static final String INVALID_RESULT = "com.switchboard.function.invalid-result";
    /** Field errors named in one message at most; the rest are counted. */
    private static final int NAMED_ERRORS = 3;

    private final JsonSchemas schemas;

    ResultCheck(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /** Why the result breaks the event's contract, or empty when it keeps it ({@code null} text: the function returned nothing). */
    Optional<ExecutionError> check(EventTypeDefinition event, String resultJson) {
        JsonNode result;
        try {
            result = resultJson == null ? Json.mapper().nullNode() : Json.parse(resultJson);
        } catch (JsonProcessingException e) {
            return Optional.of(new ExecutionError(INVALID_RESULT, "The result is not JSON: " + e.getOriginalMessage()));
        }
        List<FieldError> errors = schemas.check(event.resultSchema(), result, event.id());
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        // The most specific pointers first: "/0/type: not one of ..." says more than "the result: array expected".
        String named = errors.stream().sorted(Comparator.comparingInt((FieldError e) -> -e.field().length())).limit(NAMED_ERRORS)
                .map(e -> (e.field().isEmpty() ? "the result" : e.field()) + ": " + e.message()).collect(Collectors.joining("; "));
        String more = errors.size() > NAMED_ERRORS ? " (and " + (errors.size() - NAMED_ERRORS) + " more)" : "";
        return Optional.of(new ExecutionError(INVALID_RESULT, "The result breaks the result contract of event '" + event.id()
                + "' (GET /api/v1/event-types/" + event.id() + " shows its resultSchema): " + named + more));
    }
}
