package io.switchboard.api.http.internal.web;

import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.QuotaExceededException;
import io.switchboard.core.api.function.ValidationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Translates the core's documented exceptions into problems; anything else is a fault of the server. */
public final class CoreErrors {

    private CoreErrors() {
    }

    /** The problem for an exception the API expects, or empty for an unexpected one. */
    public static Optional<Problem> toProblem(Throwable error) {
        if (error instanceof ProblemException e) {
            return Optional.of(e.problem());
        }
        if (error instanceof NotFoundException || error instanceof UnknownFunctionException
                || error instanceof UnknownEventTypeException) {
            return Optional.of(Problems.notFound(error.getMessage()));
        }
        if (error instanceof ValidationException e) {
            return Optional.of(Problems.validation(e.getMessage(), e.fieldErrors()));
        }
        if (error instanceof InvalidPayloadException e) {
            return Optional.of(Problems.invalidPayload(e.getMessage(), e.fieldErrors()));
        }
        if (error instanceof FunctionLimitExceededException e) {
            return Optional.of(limitExceeded(e));
        }
        if (error instanceof ConflictException e) {
            return Optional.of(Problems.conflict(e.getMessage()));
        }
        if (error instanceof CapacityExceededException e) {
            return Optional.of(capacityExceeded(e));
        }
        if (error instanceof QuotaExceededException e) {
            return Optional.of(quotaExceeded(e));
        }
        return Optional.empty();
    }

    private static Problem limitExceeded(FunctionLimitExceededException e) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("eventType", e.eventTypeId());
        if (e.skill() != null) {
            members.put("skill", e.skill());
        }
        members.put("limit", e.limit());
        members.put("holders", e.holders());
        return new Problem("function-limit-exceeded", "Function limit exceeded", 409, e.getMessage()).withExtensions(members);
    }

    private static Problem capacityExceeded(CapacityExceededException e) {
        long seconds = retryAfterSeconds(e.retryAfter());
        return new Problem("capacity-exceeded", "Too many concurrent invocations", 429, e.getMessage())
                .withExtensions(Map.of("retryAfterSeconds", seconds))
                .withHeaders(Map.of("Retry-After", Long.toString(seconds)));
    }

    /** A count quota (functions, secrets) is 429, a size quota (code) 413; either way nothing changed until something is removed. */
    private static Problem quotaExceeded(QuotaExceededException e) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("quota", e.quota().key());
        members.put("limit", e.limit());
        members.put("requested", e.requested());
        return new Problem("quota-exceeded", "Quota exceeded", e.quota().size() ? 413 : 429, e.getMessage()).withExtensions(members);
    }

    /** Whole seconds, rounded up and at least 1, as Retry-After requires. */
    static long retryAfterSeconds(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            return 1;
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
