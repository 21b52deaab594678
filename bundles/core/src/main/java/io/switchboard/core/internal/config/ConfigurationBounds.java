package io.switchboard.core.internal.config;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks one configured value against its metatype attribute (the {@code @AttributeDefinition} of the component's typed
 * configuration, with its {@code min} and {@code max}): numbers must parse and lie within the bounds. Other types have no
 * bounds to check.
 */
final class ConfigurationBounds {

    private ConfigurationBounds() {
    }

    /** Why the value is refused, or empty when it is acceptable. */
    static Optional<String> check(AttributeDefinition attribute, Object value) {
        if (!numeric(attribute.getType()) || value == null) {
            return Optional.empty();
        }
        for (Object element : elements(value)) {
            String text = String.valueOf(element).strip();
            if (!parses(attribute.getType(), text)) {
                return Optional.of("'" + text + "' is not " + typeName(attribute.getType()));
            }
            String problem = attribute.validate(text);
            if (problem != null && !problem.isEmpty()) {
                return Optional.of("'" + text + "' is out of bounds (" + plain(problem) + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean numeric(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.LONG, AttributeDefinition.SHORT, AttributeDefinition.BYTE,
                 AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> true;
            default -> false;
        };
    }

    private static boolean parses(int type, String text) {
        try {
            switch (type) {
                case AttributeDefinition.INTEGER -> Integer.parseInt(text);
                case AttributeDefinition.LONG -> Long.parseLong(text);
                case AttributeDefinition.SHORT -> Short.parseShort(text);
                case AttributeDefinition.BYTE -> Byte.parseByte(text);
                default -> {
                    double parsed = Double.parseDouble(text);
                    if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                        return false;
                    }
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.INTEGER, AttributeDefinition.SHORT, AttributeDefinition.BYTE -> "a whole number of its range";
            case AttributeDefinition.LONG -> "a whole number";
            default -> "a finite number";
        };
    }

    /** Felix's messages are resource keys such as {@code %less than minimum}; shown without the marker. */
    private static String plain(String problem) {
        return problem.startsWith("%") ? problem.substring(1).toLowerCase(Locale.ROOT) : problem;
    }

    private static List<Object> elements(Object value) {
        List<Object> elements = new ArrayList<>();
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
        } else if (value instanceof Collection<?> collection) {
            elements.addAll(collection);
        } else {
            elements.add(value);
        }
        return elements;
    }
}
