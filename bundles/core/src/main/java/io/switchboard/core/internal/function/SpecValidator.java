package io.switchboard.core.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.ValidationException;

/** Checks a function spec against the configured caps and the live catalogue, reporting every failing field. */
final class SpecValidator {

    private static final int MAX_NAME = 200;
    private static final Pattern DOMAIN = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final int maxCodeLength;
    private final long maxTimeoutMs;
    private final Supplier<EgressPolicy> egress;

    SpecValidator(int maxCodeLength, long maxTimeoutMs, Supplier<EgressPolicy> egress) {
        this.maxCodeLength = maxCodeLength;
        this.maxTimeoutMs = maxTimeoutMs;
        this.egress = egress;
    }

    void validate(FunctionSpec spec, EventCatalog catalog) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            errors.add(new FieldError("/name", "is required"));
        } else if (spec.name().length() > MAX_NAME || spec.name().chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("/name", "must be at most " + MAX_NAME + " characters without control characters"));
        }
        if (spec.code() == null || spec.code().isBlank()) {
            errors.add(new FieldError("/code", "is required"));
        } else if (spec.code().length() > maxCodeLength) {
            errors.add(new FieldError("/code", "has " + spec.code().length() + " characters; the limit is " + maxCodeLength));
        }
        checkEvent(spec, catalog, errors);
        if (spec.timeoutMs() != null && (spec.timeoutMs() < 1 || spec.timeoutMs() > maxTimeoutMs)) {
            errors.add(new FieldError("/timeoutMs", "must be between 1 and " + maxTimeoutMs + " ms"));
        }
        for (int i = 0; i < spec.allowedDomains().size(); i++) {
            String domain = spec.allowedDomains().get(i);
            if (domain == null || !DOMAIN.matcher(domain).matches()) {
                errors.add(new FieldError("/allowedDomains/" + i, "'" + domain + "' is not a host name (example.com or *.example.com)"));
            } else {
                int index = i;
                egress.get().refusalOfAllowedDomain(domain)
                        .ifPresent(why -> errors.add(new FieldError("/allowedDomains/" + index, "'" + domain + "' " + why)));
            }
        }
        spec.env().keySet().stream().filter(name -> !ENV_NAME.matcher(name).matches()).sorted()
                .forEach(name -> errors.add(new FieldError("/env/" + name, "is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)")));
        if (!errors.isEmpty()) {
            throw new ValidationException("Function '" + spec.name() + "' is invalid: " + errors.size() + " field error(s)", errors);
        }
    }

    private static void checkEvent(FunctionSpec spec, EventCatalog catalog, List<FieldError> errors) {
        if (spec.eventType() == null) {
            if (!spec.skills().isEmpty()) {
                errors.add(new FieldError("/skills", "only functions bound to an event that supports skills may have skills"));
            }
            return;
        }
        Optional<EventTypeView> event = catalog.get(spec.eventType());
        if (event.isEmpty()) {
            errors.add(new FieldError("/eventType", "no installed event source provides '" + spec.eventType()
                    + "' (GET /api/v1/event-types lists them)"));
        } else if (!spec.skills().isEmpty() && !event.get().definition().supportsSkills()) {
            errors.add(new FieldError("/skills", "event '" + spec.eventType() + "' does not support skills"));
        }
        for (int i = 0; i < spec.skills().size(); i++) {
            String skill = spec.skills().get(i);
            if (skill == null || skill.isBlank() || LimitRules.EVERY_SKILL.equals(skill)) {
                errors.add(new FieldError("/skills/" + i, "must be a skill id"));
            }
        }
    }
}
