package io.switchboard.camel.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON documents of one event type, read from the event-source bundle's own resources: {@code <folder>/schema.json}
 * (payload JSON Schema), {@code <folder>/sample.json} (sample payload) and {@code <folder>/result.json} (result shape).
 *
 * @param payloadSchema JSON Schema of the payload
 * @param samplePayload a realistic payload valid against the schema
 * @param resultShape JSON Schema of what a function returns for the event
 */
public record EventTypeResources(String payloadSchema, String samplePayload, String resultShape) {

    /**
     * Reads the three documents from the class loader of {@code anchor} (a class of the event-source bundle).
     *
     * @param folder resource folder without leading slash, e.g. {@code event-types/messaging_conversation_end}
     * @throws IllegalStateException when a document is missing
     */
    public static EventTypeResources load(Class<?> anchor, String folder) {
        return new EventTypeResources(read(anchor, folder + "/schema.json"), read(anchor, folder + "/sample.json"),
                read(anchor, folder + "/result.json"));
    }

    private static String read(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " is missing from the bundle of " + anchor.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + resource + " of " + anchor.getName(), e);
        }
    }
}
