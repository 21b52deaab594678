package io.switchboard.core.internal.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.RenamedEventTypes;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * Checks a bot spec: its id, its vendor, and for each of its events that the event type selects by bot and that the
 * function is productive and bound to that event type (LivePerson's bot configuration lists deployed functions only).
 * Answers the functions by id.
 */
final class BotValidator {

    /** Bot ids travel in webhook paths: letters, digits and {@code _ . -}. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final EventCatalog catalog;
    private final DeployedFunctions functions;

    BotValidator(EventCatalog catalog, DeployedFunctions functions) {
        this.catalog = catalog;
        this.functions = functions;
    }

    /** The spec's functions by event type, resolved to function ids. */
    Map<String, String> validate(String account, BotSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.id() == null || !ID.matcher(spec.id()).matches()) {
            errors.add(new FieldError("/id", "must be 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit"));
        }
        if (spec.vendor() == null) {
            errors.add(new FieldError("/vendor", "is required: dialogflowv2, faas, lex, microsoft, watson or watsonv2"));
        }
        Map<String, String> resolved = new TreeMap<>();
        spec.functions().forEach((eventType, functionRef) -> resolve(account, eventType, functionRef, errors)
                .ifPresent(id -> resolved.put(eventType, id)));
        if (!errors.isEmpty()) {
            throw new ValidationException("Bot '" + spec.id() + "' is invalid: " + errors.size() + " field error(s)", errors);
        }
        return resolved;
    }

    private Optional<String> resolve(String account, String eventType, String functionRef, List<FieldError> errors) {
        String field = "/functions/" + eventType.replace("~", "~0").replace("/", "~1");
        Optional<EventTypeView> event = catalog.get(eventType);
        if (event.isEmpty()) {
            errors.add(new FieldError(field, "no installed event source provides '" + eventType + "'" + RenamedEventTypes.hint(eventType)));
            return Optional.empty();
        }
        if (event.get().definition().selection() != EventSelection.BOT) {
            errors.add(new FieldError(field, "event '" + eventType + "' does not run a bot's function (its selection is "
                    + event.get().definition().selection() + ")"));
            return Optional.empty();
        }
        if (functionRef == null || functionRef.isBlank()) {
            errors.add(new FieldError(field, "must name a function (id or name)"));
            return Optional.empty();
        }
        Optional<DeployedFunction> function = functions.deployed(account, functionRef);
        if (function.isEmpty()) {
            errors.add(new FieldError(field, "account " + account + " has no productive function '" + functionRef + "'; deploy it first"));
            return Optional.empty();
        }
        if (!eventType.equals(function.get().spec().eventType())) {
            errors.add(new FieldError(field, "function '" + function.get().name() + "' is bound to '" + function.get().spec().eventType()
                    + "', not to '" + eventType + "'"));
            return Optional.empty();
        }
        return Optional.of(function.get().functionId());
    }
}
