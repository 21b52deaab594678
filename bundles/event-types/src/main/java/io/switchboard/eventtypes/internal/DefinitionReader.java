package io.switchboard.eventtypes.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.eventtypes.api.EventTypeFolder;
import io.switchboard.eventtypes.api.EventTypeFolders;
import io.switchboard.eventtypes.api.InvalidEventTypeFolderException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Parses an event-type folder strictly: unknown keys, missing keys and wrong types are errors naming the key. */
public final class DefinitionReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> KEYS = Set.of("id", "name", "description", "family", "configurationPid", "mode", "webhookPath",
            "limit", "skills", "selection", "retries", "delivery");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,199}");
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_.]+");
    private static final Pattern WEBHOOK = Pattern.compile("/events/[A-Za-z0-9_./{}-]+");

    private DefinitionReader() {
    }

    /** See {@link EventTypeFolders#read(String, Function)}. */
    public static EventTypeFolder read(String folder, Function<String, Optional<String>> files) {
        String where = "event type folder " + folder;
        JsonNode definition = object(where, EventTypeFolders.DEFINITION, file(where, EventTypeFolders.DEFINITION, files));
        String schema = json(where, EventTypeFolders.SCHEMA, files);
        String sample = json(where, EventTypeFolders.SAMPLE, files);
        String resultSchema = json(where, EventTypeFolders.RESULT_SCHEMA, files);
        Fields fields = new Fields(where + "/" + EventTypeFolders.DEFINITION, definition);
        String id = fields.text("id", true);
        String folderName = folder.substring(folder.lastIndexOf('/') + 1);
        if (id != null && !ID.matcher(id).matches()) {
            fields.error("\"id\" '" + id + "' is not a snake_case id (a-z, 0-9, _)");
        } else if (id != null && !id.equals(folderName)) {
            fields.error("\"id\" '" + id + "' differs from the folder's name '" + folderName + "'");
        }
        String pid = fields.text("configurationPid", false);
        if (pid != null && !PID.matcher(pid).matches()) {
            fields.error("\"configurationPid\" '" + pid + "' is not a PID (letters, digits, _ and .; a '-' would make FileInstall "
                    + "read its .cfg file as a factory configuration)");
        }
        String webhook = fields.text("webhookPath", false);
        if (webhook != null && !WEBHOOK.matcher(webhook).matches()) {
            fields.error("\"webhookPath\" '" + webhook + "' is not a path under /events/");
        }
        EventTypeDefinition parsed = fields.build(id, schema, sample, resultSchema, webhook);
        return new EventTypeFolder(folder, parsed, pid);
    }

    private static String file(String where, String name, Function<String, Optional<String>> files) {
        try {
            return files.apply(name).orElseThrow(() -> new InvalidEventTypeFolderException(where + " has no " + name));
        } catch (UncheckedIOException e) {
            throw new InvalidEventTypeFolderException(where + ": cannot read " + name + ": " + e.getCause(), e);
        }
    }

    private static String json(String where, String name, Function<String, Optional<String>> files) {
        String text = file(where, name, files);
        parse(where, name, text);
        return text;
    }

    private static JsonNode object(String where, String name, String text) {
        JsonNode node = parse(where, name, text);
        if (!node.isObject()) {
            throw new InvalidEventTypeFolderException(where + ": " + name + " is not a JSON object");
        }
        return node;
    }

    private static JsonNode parse(String where, String name, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidEventTypeFolderException(where + ": " + name + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidEventTypeFolderException(where + ": " + name + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The keys of definition.json, with every error collected before one exception names them all. */
    private static final class Fields {
        private final String where;
        private final JsonNode node;
        private final List<String> errors = new ArrayList<>();

        Fields(String where, JsonNode node) {
            this.where = where;
            this.node = node;
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!KEYS.contains(name)) {
                    error("unknown key \"" + name + "\" (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
            }
        }

        void error(String message) {
            errors.add(message);
        }

        String text(String key, boolean required) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                if (required) {
                    error("\"" + key + "\" is required");
                }
                return null;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                error("\"" + key + "\" must be a non-empty text, not " + value);
                return null;
            }
            return value.asText();
        }

        int count(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
                error("\"" + key + "\" must be a whole number >= 0" + (value == null ? " and is required" : ", not " + value));
                return 0;
            }
            return value.asInt();
        }

        boolean flag(String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isBoolean()) {
                error("\"" + key + "\" must be true or false" + (value == null ? " and is required" : ", not " + value));
                return false;
            }
            return value.asBoolean();
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String text = text(key, true);
            if (text == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                error("\"" + key + "\" must be one of " + Arrays.toString(type.getEnumConstants()) + ", not '" + text + "'");
                return null;
            }
        }

        EventTypeDefinition build(String id, String schema, String sample, String resultSchema, String webhook) {
            String name = text("name", true);
            String description = text("description", false);
            String family = text("family", true);
            InvocationMode mode = choice("mode", InvocationMode.class);
            EventSelection selection = choice("selection", EventSelection.class);
            ResultDelivery delivery = choice("delivery", ResultDelivery.class);
            int limit = count("limit");
            int retries = count("retries");
            boolean skills = flag("skills");
            if (!errors.isEmpty()) {
                throw new InvalidEventTypeFolderException(where + ": " + String.join("; ", errors));
            }
            try {
                return new EventTypeDefinition(id, name, description, family, limit, skills, mode, selection, retries, delivery,
                        schema, sample, resultSchema, webhook);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventTypeFolderException(where + ": " + e.getMessage(), e);
            }
        }
    }
}
