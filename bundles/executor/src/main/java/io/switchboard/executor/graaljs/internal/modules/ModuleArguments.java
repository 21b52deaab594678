package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.util.List;
import java.util.Map;

/** Reads the JSON argument arrays the built-in facades send; a wrong shape is the function's error. */
final class ModuleArguments {
    private ModuleArguments() {
    }

    static String string(String argumentsJson, int index) {
        Object value = argument(argumentsJson, index);
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("argument " + (index + 1) + " must be a string");
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String argumentsJson, int index) {
        Object value = argument(argumentsJson, index);
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("argument " + (index + 1) + " must be an object");
        }
        return (Map<String, Object>) map;
    }

    private static Object argument(String argumentsJson, int index) {
        Object parsed = JsonText.parse(argumentsJson);
        if (!(parsed instanceof List<?> list) || list.size() <= index) {
            throw new IllegalArgumentException("argument " + (index + 1) + " is missing");
        }
        return list.get(index);
    }
}
