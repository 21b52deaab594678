package io.switchboard.core.internal.function;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.RenamedEventTypes;
import io.switchboard.core.api.execution.CodeChecker;
import io.switchboard.core.api.execution.CodeProblem;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.ValidationException;

/**
 * Checks a function spec against the configured caps and the live catalogue, reporting every failing field; the
 * code itself is checked by the executor's {@link CodeChecker} when one is installed.
 */
final class SpecValidator {

    private static final int MAX_NAME = 200;
    /** LivePerson's limit on an environment variable's name and on its value. */
    private static final int MAX_ENV = 200;
    /** Variables the runtime sets itself (LivePerson V1 and V2, and what LP's toolbelt reads); refused as LP refuses them. */
    private static final Set<String> RESERVED_ENV = Set.of("BRAND_ID", "LAMBDA_UUID", "DOMAIN", "DC", "HTTPS_PROXY", "HTTP_PROXY",
            "NO_PROXY", "NODE_ENV");
    private static final List<String> RESERVED_ENV_PREFIXES = List.of("X_LIVEPERSON_", "VAULT_");
    private static final Pattern DOMAIN = Pattern.compile(
            "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", Pattern.CASE_INSENSITIVE);
    /** A conversational command's name: LivePerson's function names (alphanumeric and '_', at most 50) plus '-'. */
    private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9_-]{1,50}");
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
        validate(spec, catalog, null);
    }

    /** As {@link #validate(FunctionSpec, EventCatalog)}, and the code must pass {@code checker} when there is one. */
    void validate(FunctionSpec spec, EventCatalog catalog, CodeChecker checker) {
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
        } else if (checker != null) {
            for (CodeProblem problem : checker.check(spec.code())) {
                errors.add(new FieldError("/code", problem.line() > 0
                        ? "line " + problem.line() + ", column " + problem.column() + ": " + problem.message() : problem.message()));
            }
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
        checkEnv(spec, errors);
        if (!errors.isEmpty()) {
            throw new ValidationException("Function '" + spec.name() + "' is invalid: " + errors.size() + " field error(s)", errors);
        }
    }

    private static void checkEnv(FunctionSpec spec, List<FieldError> errors) {
        spec.env().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(variable -> {
            String name = variable.getKey();
            if (!ENV_NAME.matcher(name).matches() || name.length() > MAX_ENV) {
                errors.add(new FieldError("/env/" + name, "is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*, at most " + MAX_ENV
                        + " characters)"));
            } else if (RESERVED_ENV.contains(name) || RESERVED_ENV_PREFIXES.stream().anyMatch(name::startsWith)) {
                errors.add(new FieldError("/env/" + name, "Variable name is reserved: the runtime sets " + name
                        + " itself (reserved: " + String.join(", ", new java.util.TreeSet<>(RESERVED_ENV)) + ", X_LIVEPERSON_*, VAULT_*)"));
            }
            if (variable.getValue() != null && variable.getValue().length() > MAX_ENV) {
                errors.add(new FieldError("/env/" + name, "has a value of " + variable.getValue().length() + " characters; the limit is "
                        + MAX_ENV));
            }
        });
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
                    + "' (GET /api/v1/event-types lists them)" + RenamedEventTypes.hint(spec.eventType())));
        } else {
            if (!spec.skills().isEmpty() && !event.get().definition().supportsSkills()) {
                errors.add(new FieldError("/skills", "event '" + spec.eventType() + "' does not support skills"));
            }
            if (event.get().definition().selection() == EventSelection.COMMAND && spec.name() != null && !COMMAND.matcher(spec.name()).matches()) {
                errors.add(new FieldError("/name", "is the command agents type for event '" + spec.eventType()
                        + "' and travels in its webhook's path: use 1-50 letters, digits, '_' or '-'"));
            }
        }
        for (int i = 0; i < spec.skills().size(); i++) {
            String skill = spec.skills().get(i);
            if (skill == null || skill.isBlank() || LimitRules.EVERY_SKILL.equals(skill)) {
                errors.add(new FieldError("/skills/" + i, "must be a skill id"));
            }
        }
    }
}
