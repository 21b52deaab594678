package io.switchboard.api.http.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.dispatch.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of a request object and collects every problem (as JSON pointers) instead of stopping
 * at the first, so one 400 answer lists all of them. Unknown fields are refused to catch typos.
 */
public final class FieldReader {
    private final ObjectNode node;
    private final List<FieldError> errors = new ArrayList<>();

    public FieldReader(ObjectNode node, Set<String> knownFields) {
        this.node = node;
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownFields.contains(name)) {
                errors.add(new FieldError(pointer(name), "unknown field; known fields are " + String.join(", ", knownFields.stream().sorted().toList())));
            }
        }
    }

    public String requiredString(String name) {
        String value = optionalString(name);
        if (value == null && present(name)) {
            return null;
        }
        if (value == null) {
            errors.add(new FieldError(pointer(name), "is required"));
        } else if (value.isBlank()) {
            errors.add(new FieldError(pointer(name), "must not be blank"));
        }
        return value;
    }

    public String optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(pointer(name), "must be a string"));
            return null;
        }
        return value.textValue();
    }

    public List<String> optionalStringList(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(pointer(name), "must be an array of strings"));
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isTextual()) {
                items.add(item.textValue());
            } else {
                errors.add(new FieldError(pointer(name) + "/" + i, "must be a string"));
            }
        }
        return items;
    }

    public Map<String, String> optionalStringMap(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.add(new FieldError(pointer(name), "must be an object of string values"));
            return null;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (entry.getValue().isTextual()) {
                entries.put(entry.getKey(), entry.getValue().textValue());
            } else {
                errors.add(new FieldError(pointer(name) + "/" + escape(entry.getKey()), "must be a string"));
            }
        });
        return entries;
    }

    public Long optionalLong(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            errors.add(new FieldError(pointer(name), max == Long.MAX_VALUE
                    ? "must be an integer of at least " + min
                    : "must be an integer from " + min + " to " + max));
            return null;
        }
        return value.longValue();
    }

    public Integer requiredInt(String name, int min, int max) {
        if (!present(name)) {
            errors.add(new FieldError(pointer(name), "is required"));
            return null;
        }
        Long value = optionalLong(name, min, max);
        return value == null ? null : value.intValue();
    }

    /** The raw value of a field, or null when it is absent. */
    public JsonNode optionalNode(String name) {
        return node.get(name);
    }

    /** Records a problem found by the caller's own checks. */
    public void reject(String pointer, String message) {
        errors.add(new FieldError(pointer, message));
    }

    /** Answers 400 with every collected field error, if there are any. */
    public void throwIfInvalid(String what) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problems.validation(what + " is invalid: " + errors.size() + " field error(s).", errors));
        }
    }

    private boolean present(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    public static String pointer(String name) {
        return "/" + escape(name);
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
