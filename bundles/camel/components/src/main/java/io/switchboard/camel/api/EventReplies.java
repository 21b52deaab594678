package io.switchboard.camel.api;

import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns the {@link DispatchResult} an {@code event:} endpoint left in the body into the webhook's answer.
 * <ul>
 * <li>ASYNC: {@code 202 {"eventId", "mode": "ASYNC", "accepted": true}}</li>
 * <li>SYNC: {@code 200 {"eventId", "mode": "SYNC", "results": [...]}} with one entry per function: {@code functionId,
 * functionName, invocationId, outcome} and {@code result} (mapped by the contract) when OK, else {@code error}
 * ({@code errorCode, errorMsg}). A function that fails, times out or breaks the contract never hides the others.</li>
 * </ul>
 */
public final class EventReplies {

    private EventReplies() {
    }

    /** A processor that maps each function's result with the contract. */
    public static Processor mapping(ResultContract contract) {
        Objects.requireNonNull(contract, "contract");
        return exchange -> {
            DispatchResult result = exchange.getMessage().getMandatoryBody(DispatchResult.class);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, result.mode() == InvocationMode.ASYNC ? 202 : 200);
            exchange.getMessage().setBody(reply(result, contract));
        };
    }

    /**
     * A processor for ASYNC events: answers 202 with the event id once the core has persisted the event.
     *
     * @throws IllegalStateException (when it runs) for a SYNC result, whose functions' results need a contract
     */
    public static Processor acceptance() {
        return exchange -> {
            DispatchResult result = exchange.getMessage().getMandatoryBody(DispatchResult.class);
            if (result.mode() != InvocationMode.ASYNC) {
                throw new IllegalStateException("Event " + result.eventId() + " ran synchronously: map its results with "
                        + "EventReplies.mapping(contract) instead of acceptance()");
            }
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            exchange.getMessage().setBody(reply(result, json -> json));
        };
    }

    /** The answer for a dispatch result: see the class description. */
    public static Map<String, Object> reply(DispatchResult result, ResultContract contract) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("eventId", result.eventId());
        reply.put("mode", result.mode().name());
        if (result.mode() == InvocationMode.ASYNC) {
            reply.put("accepted", true);
            return reply;
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (FunctionOutcome outcome : result.outcomes()) {
            results.add(entry(outcome, contract));
        }
        reply.put("results", results);
        return reply;
    }

    private static Map<String, Object> entry(FunctionOutcome outcome, ResultContract contract) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("functionId", outcome.functionId());
        entry.put("functionName", outcome.functionName());
        entry.put("invocationId", outcome.invocationId());
        if (outcome.outcome() != Outcome.OK) {
            entry.put("outcome", outcome.outcome().name());
            entry.put("error", error(outcome.error() == null ? null : outcome.error().errorCode(),
                    outcome.error() == null ? null : outcome.error().errorMsg()));
            return entry;
        }
        try {
            Object mapped = contract.map(outcome.resultJson() == null ? "null" : outcome.resultJson());
            entry.put("outcome", Outcome.OK.name());
            entry.put("result", mapped);
        } catch (InvalidResultException e) {
            entry.put("outcome", Outcome.ERROR.name());
            entry.put("error", error(InvalidResultException.ERROR_CODE, e.getMessage()));
        }
        return entry;
    }

    private static Map<String, Object> error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("errorCode", code);
        error.put("errorMsg", message);
        return error;
    }
}
