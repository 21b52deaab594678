package io.switchboard.api.http.internal.web;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.http.api.BodyRefusedException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The problems the API answers with, one factory per kind so titles and types stay the same everywhere. */
public final class Problems {

    private Problems() {
    }

    public static Problem unauthorized(String detail, boolean tokenGiven) {
        String challenge = tokenGiven ? "Bearer realm=\"switchboard\", error=\"invalid_token\"" : "Bearer realm=\"switchboard\"";
        return new Problem("unauthorized", "Authentication required", 401, detail)
                .withHeaders(Map.of("WWW-Authenticate", challenge));
    }

    /** Authenticated, but this key may not do it (an account key on an admin endpoint). */
    public static Problem forbidden(String detail) {
        return new Problem("forbidden", "Forbidden", 403, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem("not-found", "Not found", 404, detail);
    }

    public static Problem methodNotAllowed(String method, Set<String> allowed) {
        String allow = String.join(", ", allowed);
        return new Problem("method-not-allowed", "Method not allowed", 405,
                method + " is not supported here; use " + allow + ".")
                .withHeaders(Map.of("Allow", allow));
    }

    public static Problem malformedJson(String detail) {
        return new Problem("malformed-json", "Malformed JSON", 400, detail);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem("validation-failed", "Validation failed", 400, detail).withErrors(errors);
    }

    public static Problem validation(String field, String message) {
        return validation(message, List.of(new FieldError(field, message)));
    }

    public static Problem invalidPayload(String detail, List<FieldError> errors) {
        return new Problem("invalid-payload", "Invalid payload", 400, detail).withErrors(errors);
    }

    public static Problem conflict(String detail) {
        return new Problem("conflict", "Conflict", 409, detail);
    }

    public static Problem payloadTooLarge(long maxBytes) {
        return new Problem("payload-too-large", "Request body too large", 413,
                "The request body exceeds the limit of " + maxBytes + " bytes.")
                .withExtensions(Map.of("maxBytes", maxBytes))
                // The rest of the body stays unread, so the connection cannot carry another request.
                .withHeaders(Map.of("Connection", "close"));
    }

    /** A body not read to its end because it was too slow or too many bodies were being read (too large: {@link #payloadTooLarge}). */
    public static Problem bodyRefused(BodyRefusedException refused) {
        BodyRefusedException.Refusal refusal = refused.refusal();
        Problem problem = new Problem(refusal.type(), refusal.title(), refusal.status(), refused.getMessage() + ".")
                .withExtensions(Map.of("limit", refused.limit()));
        // The rest of the body stays unread, so the connection cannot carry another request.
        return problem.withHeaders(refusal.retryable() ? Map.of("Connection", "close", "Retry-After", "1") : Map.of("Connection", "close"));
    }

    public static Problem unsupportedMediaType(String contentType) {
        return new Problem("unsupported-media-type", "Unsupported media type", 415,
                "Send the body as application/json" + (contentType == null ? "; no Content-Type was given." : ", not " + contentType + "."));
    }

    public static Problem templatesUnavailable() {
        return new Problem("templates-unavailable", "Templates unavailable", 503,
                "No template catalogue is running: install and start the bundle switchboard.templates.catalog "
                + "(it is part of the distribution's system/ folder).");
    }

    /** The API servlet is being re-registered (a service it uses was reconfigured); it is back within moments. */
    public static Problem apiRestarting() {
        return new Problem("api-restarting", "API restarting", 503,
                "The API is restarting after a configuration change; retry in a moment.")
                .withHeaders(Map.of("Retry-After", "1"));
    }

    /** A cap on open live log streams was reached. */
    public static Problem tooManyStreams(String detail, int limit) {
        return new Problem("too-many-streams", "Too many live log streams", 429, detail)
                .withExtensions(Map.of("limit", limit))
                .withHeaders(Map.of("Retry-After", "5"));
    }

    /** The live log streams component is not running (being reconfigured). */
    public static Problem streamsUnavailable() {
        return new Problem("streams-unavailable", "Live log streams unavailable", 503,
                "The live log streams are restarting after a configuration change; retry in a moment.")
                .withHeaders(Map.of("Retry-After", "1"));
    }

    public static Problem internal(String reference) {
        return new Problem("internal-error", "Internal error", 500,
                "The request failed unexpectedly; the server log has the details under reference " + reference + ".")
                .withExtensions(Map.of("reference", reference));
    }
}
