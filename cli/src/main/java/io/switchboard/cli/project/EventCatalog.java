package io.switchboard.cli.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.cli.CliException;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The event types shipped inside the CLI for an offline {@code sbf init}: the {@code event-types/<id>/} folders of the
 * distribution's event-source bundles (definition.json, sample.json, ...), unpacked into the CLI's jar by its build.
 */
public final class EventCatalog {
    private final Map<String, EventType> types;

    private EventCatalog(Map<String, EventType> types) {
        this.types = types;
    }

    /** An event type: its id, name and the sample payload ({@code sample.json}) that prefills {@code input.payload}. */
    public record EventType(String id, String name, String description, JsonNode sample) {
    }

    public static EventCatalog bundled() {
        URL marker = EventCatalog.class.getResource("/event-types");
        if (marker == null) {
            return new EventCatalog(Map.of());
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = openJar(uri)) {
                    return new EventCatalog(read(jar.provider().getPath(uri)));
                }
            }
            return new EventCatalog(read(Path.of(uri)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            throw new IllegalStateException("the CLI's jar is open already", e);
        }
    }

    private static Map<String, EventType> read(Path folder) throws IOException {
        Map<String, EventType> types = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (Path dir : dirs.toList()) {
                Path definition = dir.resolve("definition.json");
                if (Files.isRegularFile(definition)) {
                    JsonNode def = Json.parse(Files.readString(definition));
                    Path sample = dir.resolve("sample.json");
                    JsonNode payload = Files.isRegularFile(sample) ? Json.parse(Files.readString(sample)) : Json.object();
                    String id = def.path("id").asText(dir.getFileName().toString().replace("/", ""));
                    types.put(id, new EventType(id, def.path("name").asText(id), def.path("description").asText(""), payload));
                }
            }
        }
        return types;
    }

    public Map<String, EventType> all() {
        return types;
    }

    public Optional<EventType> find(String id) {
        return Optional.ofNullable(types.get(id));
    }

    public EventType require(String id) {
        return find(id).orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown event '" + id + "'; the shipped ones: "
                + String.join(", ", types.keySet()) + " (or \"No Event\")"));
    }
}
