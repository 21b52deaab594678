package io.switchboard.camel.internal.webhook;

import io.switchboard.camel.api.WebhookRejectedException;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.UnknownEventTypeException;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.BodyRefusedException.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A problem detail (RFC 9457) in the same shape as the REST API's: what the webhook answers when it or the route refuses.
 *
 * @param status HTTP status
 * @param type the part after {@code urn:switchboard:problem:}
 * @param detail what happened and what to do
 * @param extra further members ({@code errors}, {@code retryAfterSeconds}, {@code reference})
 */
record Problem(int status, String type, String detail, Map<String, Object> extra) {

    static Problem of(int status, String type, String detail) {
        return new Problem(status, type, detail, Map.of());
    }

    /** The problem a route's failure stands for; null when it is unexpected (a 500 the caller cannot fix). */
    static Problem forFailure(Throwable failure) {
        if (failure instanceof InvalidPayloadException invalid) {
            List<Map<String, String>> errors = invalid.fieldErrors().stream().map(Problem::error).toList();
            return new Problem(400, "invalid-payload", invalid.getMessage(), Map.of("errors", errors));
        }
        if (failure instanceof org.apache.camel.InvalidPayloadException) {
            return of(400, "invalid-payload", "The request has no body: send the event's payload as JSON");
        }
        if (failure instanceof UnknownEventTypeException || failure instanceof UnknownFunctionException) {
            return of(404, "not-found", failure.getMessage());
        }
        if (failure instanceof CapacityExceededException full) {
            return new Problem(429, "capacity-exceeded", full.getMessage(),
                    Map.of("retryAfterSeconds", Math.max(1, full.retryAfter().toSeconds())));
        }
        if (failure instanceof WebhookRejectedException rejected) {
            return rejected.status() == 503
                    ? new Problem(503, "unavailable", rejected.getMessage(), Map.of("retryAfterSeconds", 1L))
                    : of(rejected.status(), "rejected", rejected.getMessage());
        }
        return null;
    }

    /** The answer to a body that was not read to its end (too large, too slow, too many at once). */
    static Problem forRefusedBody(BodyRefusedException refused) {
        Refusal refusal = refused.refusal();
        Map<String, Object> extra = switch (refusal) {
            case TOO_LARGE -> Map.of("maxBytes", refused.limit());
            case TOO_SLOW -> Map.of();
            case ACCOUNT_BUSY, SERVER_BUSY -> Map.of("retryAfterSeconds", 1L);
        };
        return new Problem(refusal.status(), refusal.type(), refused.getMessage(), extra);
    }

    static Problem internal(String reference) {
        return new Problem(500, "internal-error", "The route failed unexpectedly; the server log has the details under reference "
                + reference, Map.of("reference", reference));
    }

    static String newReference() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, String> error(FieldError error) {
        return Map.of("field", error.field(), "message", error.message());
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:switchboard:problem:" + type);
        body.put("title", title());
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        return body;
    }

    private String title() {
        String words = type.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
