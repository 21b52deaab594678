package io.switchboard.api.http.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.api.http.internal.web.ProblemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The API's one JSON mapper: strict when reading requests, camelCase records and no nulls when writing. */
public final class Json {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** Parses a request body; malformed JSON is the caller's fault and answered with 400. */
    public JsonNode parseRequest(byte[] body) {
        String text;
        try {
            // Decoded strictly first: Jackson alone reads overlong forms such as C0 AF as "/".
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problems.malformedJson("The request body is not valid UTF-8"));
        }
        try {
            JsonNode node = mapper.readTree(text);
            return node == null ? mapper.missingNode() : node;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String position = where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
            throw new ProblemException(Problems.malformedJson("The request body is not valid JSON" + position + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Turns JSON text stored by the core (schemas, payloads, results) into a node to embed in a response;
     * text that is not JSON is embedded as a string rather than breaking the response.
     */
    public JsonNode embed(String jsonText) {
        if (jsonText == null) {
            return null;
        }
        try {
            JsonNode node = mapper.readTree(jsonText);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(jsonText) : node;
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.textNode(jsonText);
        }
    }

    /** Serialises a node back to compact JSON text, the form the core takes payloads in. */
    public String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public void write(OutputStream out, Object value) throws IOException {
        mapper.writeValue(out, value);
    }
}
