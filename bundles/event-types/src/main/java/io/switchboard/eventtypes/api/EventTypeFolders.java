package io.switchboard.eventtypes.api;

import io.switchboard.eventtypes.internal.DefinitionReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.Bundle;

/**
 * Reads event-type folders. A bundle names the folders that hold them in its {@value #HEADER} manifest header (e.g.
 * {@code Switchboard-EventTypes: event-types}); each subfolder {@code <id>/} holds
 * <ul>
 * <li>{@value #DEFINITION}: {@code {"id", "name", "description", "family", "configurationPid", "mode", "webhookPath",
 * "limit", "skills", "selection", "retries", "delivery"}} (see docs/writing-an-event-source.md)</li>
 * <li>{@value #SCHEMA}: the JSON Schema of the payload</li>
 * <li>{@value #SAMPLE}: a realistic payload, valid against the schema</li>
 * <li>{@value #RESULT_SCHEMA}: the JSON Schema a function's result must meet</li>
 * </ul>
 */
public final class EventTypeFolders {

    /** The manifest header naming a bundle's event-type folders (comma-separated). */
    public static final String HEADER = "Switchboard-EventTypes";
    /** The extender's name in the {@code osgi.extender} namespace; event-source bundles require it. */
    public static final String EXTENDER = "switchboard.eventtypes";
    public static final String DEFINITION = "definition.json";
    public static final String SCHEMA = "schema.json";
    public static final String SAMPLE = "sample.json";
    public static final String RESULT_SCHEMA = "result-schema.json";

    private EventTypeFolders() {
    }

    /** The paths of the bundle's event-type folders (those holding a {@value #DEFINITION}), sorted; none without the header. */
    public static List<String> folders(Bundle bundle) {
        String header = bundle.getHeaders("").get(HEADER);
        List<String> folders = new ArrayList<>();
        if (header == null) {
            return folders;
        }
        for (String root : header.split(",")) {
            String path = root.strip();
            Enumeration<URL> found = bundle.findEntries(path.isEmpty() ? "/" : path, DEFINITION, true);
            for (URL definition : found == null ? List.<URL>of() : Collections.list(found)) {
                String file = definition.getPath();
                folders.add(file.substring(file.startsWith("/") ? 1 : 0, file.length() - DEFINITION.length() - 1));
            }
        }
        Collections.sort(folders);
        return folders;
    }

    /**
     * Reads one folder of the bundle.
     *
     * @throws InvalidEventTypeFolderException naming the folder, the file and what is wrong
     */
    public static EventTypeFolder read(Bundle bundle, String folder) {
        return read(folder, name -> Optional.ofNullable(bundle.getEntry(folder + "/" + name)).map(EventTypeFolders::text));
    }

    /**
     * Reads one folder through a function that answers a file of the folder by name (e.g. from the class path in a test).
     *
     * @param folder the folder's path; its last segment must be the event type's id
     * @throws InvalidEventTypeFolderException naming the folder, the file and what is wrong
     */
    public static EventTypeFolder read(String folder, Function<String, Optional<String>> files) {
        return DefinitionReader.read(folder, files);
    }

    private static String text(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
