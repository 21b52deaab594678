package io.switchboard.core.internal.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.switchboard.core.api.log.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.dispatch.DispatchException;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionCalls;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.json.Json;

/**
 * A Third-Party Bots response's {@code INVOCATION} action (TPB-CI): the platform invokes {@code lambdaUuid} of the
 * bot's account with {@code payload}, through {@link FunctionCalls} like any function-to-function call. The invoked
 * function's result goes nowhere; its failure fails the bot's event only with {@code failOnError: true} (LivePerson:
 * the bot then escalates), else it is logged and the bot's response goes out as it is.
 */
final class BotInvocationAction {

    static final String INVOCATION_FAILED = "com.switchboard.function.invocation-failed";
    private static final Logger LOG = LoggerFactory.getLogger(BotInvocationAction.class);

    private final FunctionCalls calls;

    BotInvocationAction(FunctionCalls calls) {
        this.calls = calls;
    }

    /**
     * Carries out the action of a valid bot response, if it asks for one.
     *
     * @param bot the bot function's outcome (OK)
     * @param deadline when the bot's caller stops waiting
     * @return the failure that fails the event (only with {@code failOnError}), else empty
     */
    Optional<FunctionOutcome> apply(String account, FunctionOutcome bot, Instant deadline) {
        JsonNode context = parse(bot.resultJson()).path("context");
        if (!"INVOCATION".equals(context.path("action").asText())) {
            return Optional.empty();
        }
        JsonNode parameters = context.path("actionParameters");
        String lambda = parameters.path("lambdaUuid").asText();
        boolean failOnError = parameters.path("failOnError").asBoolean(false);
        FunctionOutcome invoked;
        try {
            invoked = calls.call(new FunctionCall(account, lambda, payload(parameters.get("payload")), List.of(), bot.invocationId(), 0, deadline));
        } catch (DispatchException e) {
            invoked = new FunctionOutcome(null, lambda, null, 0, Outcome.ERROR, null, new ExecutionError(INVOCATION_FAILED, e.getMessage()), List.of());
        }
        if (invoked.outcome() == Outcome.OK) {
            return Optional.empty();
        }
        String why = invoked.error() == null ? invoked.outcome().name() : invoked.error().errorCode() + ": " + invoked.error().errorMsg();
        if (!failOnError) {
            LOG.warn("The INVOCATION of {} asked for by bot function {} (invocation {}) ended {}; the bot's response goes out (failOnError is false)",
                    lambda, bot.functionName(), bot.invocationId(), SafeText.of(why));
            return Optional.empty();
        }
        return Optional.of(new FunctionOutcome(bot.invocationId(), bot.functionId(), bot.functionName(), bot.version(), Outcome.ERROR, null,
                new ExecutionError(INVOCATION_FAILED, "The INVOCATION of '" + lambda + "' failed (failOnError): " + why), bot.logs()));
    }

    /** The payload to send: JSON as it is; text that is a JSON document is that document (LivePerson's example sends text). */
    private static String payload(JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            return "{}";
        }
        if (payload.isTextual()) {
            try {
                JsonNode parsed = Json.parse(payload.asText());
                if (parsed != null && parsed.isContainerNode()) {
                    return Json.write(parsed);
                }
            } catch (JsonProcessingException notJson) {
                // plain text: sent as a JSON string
            }
        }
        return Json.write(payload);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? Json.mapper().nullNode() : Json.parse(json);
        } catch (JsonProcessingException e) {
            return Json.mapper().nullNode();
        }
    }
}
