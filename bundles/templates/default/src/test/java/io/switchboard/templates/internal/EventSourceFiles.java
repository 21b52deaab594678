package io.switchboard.templates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files an event-source bundle ships for an event type ({@code event-types/<id>/sample.json}, {@code result-schema.json}),
 * read from the event-source modules of this repository so templates are tested against the real contract.
 */
final class EventSourceFiles {
    private static final Path ROOT = Path.of("../../event-sources");

    private EventSourceFiles() {
    }

    static Optional<Path> find(String eventType, String fileName) {
        if (!Files.isDirectory(ROOT)) {
            return Optional.empty();
        }
        Path suffix = Path.of("src", "main", "resources", "event-types", eventType, fileName);
        try (Stream<Path> files = Files.walk(ROOT, 9)) {
            return files.filter(path -> path.endsWith(suffix)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
