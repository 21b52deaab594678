package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query parameters of an invocation search, checked: every value and every parameter name must be known, so a
 * misspelt filter is a 400 naming it rather than a silently unfiltered answer.
 */
final class InvocationQuery {

    /** Longest {@code text} accepted (a search, not a document). */
    static final int MAX_TEXT = 200;
    static final Set<String> PARAMETERS = Set.of("page", "size", "outcome", "trigger", "version", "from", "to", "level", "text", "format");

    private InvocationQuery() {
    }

    static InvocationFilter filter(ApiRequest request) {
        List<FieldError> errors = new ArrayList<>();
        request.queryNames().stream().filter(name -> !PARAMETERS.contains(name)).sorted().forEach(name -> errors.add(new FieldError(name,
                "is not a parameter of an invocation search; known: " + PARAMETERS.stream().sorted().collect(Collectors.joining(", ")))));
        Set<Outcome> outcomes = names(request, "outcome", Outcome.class, errors);
        Set<Trigger> triggers = names(request, "trigger", Trigger.class, errors);
        Integer version = request.query("version").map(v -> version(v, errors)).orElse(null);
        Instant from = request.query("from").map(v -> instant("from", v, errors)).orElse(null);
        Instant to = request.query("to").map(v -> instant("to", v, errors)).orElse(null);
        LogLevel level = request.query("level").map(v -> one("level", v, LogLevel.class, errors)).orElse(null);
        String text = request.query("text").orElse(null);
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters, was " + text.length()));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation("Invalid invocation search: " + errors.stream().map(FieldError::field)
                    .collect(Collectors.joining(", ")) + ".", errors));
        }
        try {
            return new InvocationFilter(outcomes, triggers, version, from, to, level, text);
        } catch (ValidationException e) {
            throw new ProblemException(Problems.validation(e.getMessage(), e.fieldErrors()));
        }
    }

    /** A comma-separated list of names of the enum (any case); empty when the parameter is absent. */
    private static <E extends Enum<E>> Set<E> names(ApiRequest request, String parameter, Class<E> type, List<FieldError> errors) {
        Set<E> values = EnumSet.noneOf(type);
        request.query(parameter).ifPresent(text -> {
            for (String part : text.split(",", -1)) {
                E value = one(parameter, part, type, errors);
                if (value != null) {
                    values.add(value);
                }
            }
        });
        return values;
    }

    private static <E extends Enum<E>> E one(String parameter, String text, Class<E> type, List<FieldError> errors) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(parameter, "must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ", was '" + text + "'"));
            return null;
        }
    }

    private static Integer version(String text, List<FieldError> errors) {
        try {
            int version = Integer.parseInt(text.trim());
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("version", "must be a version number (0 for draft runs), was '" + text + "'"));
        return null;
    }

    private static Instant instant(String parameter, String text, List<FieldError> errors) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(parameter, "must be an ISO-8601 instant such as 2026-06-01T12:00:00Z, was '" + text + "'"));
            return null;
        }
    }
}
