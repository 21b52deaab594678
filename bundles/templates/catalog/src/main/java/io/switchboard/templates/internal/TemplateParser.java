package io.switchboard.templates.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.core.api.event.RenamedEventTypes;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one template file: a {@code .js} file that starts with a metadata comment {@code /*template { JSON } *}{@code /}
 * followed by the function's code. The id is the file name without {@code .js}; the version is a hash of the file.
 */
public final class TemplateParser {
    /** Template file names end with this. */
    public static final String EXTENSION = ".js";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern HEADER = Pattern.compile("\\A\\uFEFF?\\s*/\\*\\s*template\\b(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern LAMBDA = Pattern.compile("\\blambda\\b");
    private static final Set<String> FIELDS = Set.of("name", "description", "eventType", "defaultForEvent",
            "requiredDomains", "requiredSecrets", "requiredEnv");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TemplateParser.class);

    private final int maxBytes;
    private final SyntaxChecker syntax;

    public TemplateParser(int maxBytes, SyntaxChecker syntax) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxTemplateBytes must be at least 1, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.syntax = syntax;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The template id a file name stands for, e.g. {@code greeting.js} is {@code greeting}. */
    public static String idOf(String fileName) {
        return fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : fileName;
    }

    /**
     * Parses one template file.
     *
     * @param fileName the file's name, e.g. {@code greeting.js}
     * @param content the file's bytes (UTF-8)
     * @param source where the file comes from
     * @throws TemplateRejectedException saying what is wrong with the file
     */
    public Template parse(String fileName, byte[] content, TemplateSource source) throws TemplateRejectedException {
        String id = idOf(fileName);
        if (!fileName.endsWith(EXTENSION) || !ID.matcher(id).matches()) {
            throw new TemplateRejectedException("the file name must be <id>.js with an id of lower-case letters, digits, '-' or '_' (at most 64)");
        }
        if (content.length > maxBytes) {
            throw new TemplateRejectedException("the file is larger than the limit of " + maxBytes + " bytes"
                    + " (maxTemplateBytes of PID " + TemplateCatalogService.PID + ")");
        }
        String text = utf8(content);
        Matcher header = HEADER.matcher(text);
        if (!header.find()) {
            throw new TemplateRejectedException("the file must start with a metadata comment: /*template {\"name\": \"...\", ...} */");
        }
        JsonNode metadata = metadata(header.group(1), lines(text, header.start(1)));
        String rest = text.substring(header.end());
        String code = rest.stripLeading();
        if (!LAMBDA.matcher(code).find()) {
            throw new TemplateRejectedException("the code defines no function 'lambda' (async function lambda(input) { ... })");
        }
        // Padded with the lines before the code so the engine's line numbers are those of the file.
        syntax.check(fileName, "\n".repeat(lines(text, text.length() - code.length())) + code);
        String eventType = optionalText(metadata, "eventType");
        boolean defaultForEvent = metadata.path("defaultForEvent").asBoolean(false);
        if (defaultForEvent && eventType == null) {
            throw new TemplateRejectedException("metadata: \"defaultForEvent\": true needs an \"eventType\"");
        }
        RenamedEventTypes.replacementOf(eventType).ifPresent(next -> LOG.warn("Template {} ({}) names the event type '{}', which "
                + "was renamed to '{}' (LivePerson's id): functions created from it would be bound to no event; write the new id",
                fileName, source.location(), eventType, next));
        return new Template(id, requiredText(metadata, "name"), optionalText(metadata, "description"), eventType,
                defaultForEvent, code, names(metadata, "requiredDomains"), names(metadata, "requiredSecrets"),
                names(metadata, "requiredEnv"), version(content), source);
    }

    private static String utf8(byte[] content) throws TemplateRejectedException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateRejectedException("the file is not UTF-8 text");
        }
    }

    /** How many line breaks come before an offset. */
    private static int lines(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    }

    private static JsonNode metadata(String json, int lineOffset) throws TemplateRejectedException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TemplateRejectedException("the metadata comment is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + (lineOffset + e.getLocation().getLineNr()) + " of the file)");
        }
        if (node == null || !node.isObject()) {
            throw new TemplateRejectedException("the metadata comment must hold one JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new TemplateRejectedException("metadata: unknown field \"" + name + "\"; known fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode flag = node.get("defaultForEvent");
        if (flag != null && !flag.isBoolean()) {
            throw new TemplateRejectedException("metadata: \"defaultForEvent\" must be true or false");
        }
        return node;
    }

    private static String requiredText(JsonNode metadata, String field) throws TemplateRejectedException {
        String value = optionalText(metadata, field);
        if (value == null) {
            throw new TemplateRejectedException("metadata: \"" + field + "\" is required");
        }
        return value;
    }

    private static String optionalText(JsonNode metadata, String field) throws TemplateRejectedException {
        JsonNode value = metadata.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new TemplateRejectedException("metadata: \"" + field + "\" must be a non-empty string");
        }
        return value.textValue();
    }

    private static List<String> names(JsonNode metadata, String field) throws TemplateRejectedException {
        JsonNode value = metadata.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isTextual() && !item.textValue().isBlank()) {
                    names.add(item.textValue());
                }
            }
        }
        if (!value.isArray() || names.size() != value.size()) {
            throw new TemplateRejectedException("metadata: \"" + field + "\" must be an array of non-empty strings");
        }
        return names;
    }

    static String version(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
