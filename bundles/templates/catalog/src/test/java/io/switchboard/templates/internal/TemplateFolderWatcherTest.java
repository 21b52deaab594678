package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateFolderWatcherTest {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static GraalSyntaxChecker graal;

    @TempDir
    Path deploy;

    private final TemplateRegistry registry = new TemplateRegistry();
    private final List<Long> latencies = new CopyOnWriteArrayList<>();
    private TemplateFolderWatcher watcher;
    private Path folder;

    @BeforeAll
    static void engine() {
        graal = new GraalSyntaxChecker();
    }

    @AfterAll
    static void close() {
        graal.close();
    }

    private void start(Duration poll) {
        start(poll, true);
    }

    private void start(Duration poll, boolean fileEvents) {
        folder = deploy.resolve("templates");
        watcher = new TemplateFolderWatcher(folder, poll, new TemplateParser(4096, graal), registry, fileEvents);
        watcher.start();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static String template(String name, String reply) {
        return TemplateParserTest.file("{\"name\": \"" + name + "\"}", "async function lambda(input) { return '" + reply + "'; }\n");
    }

    private Optional<Template> current(String id) {
        return Optional.ofNullable(registry.snapshot().get(id));
    }

    private void write(String file, String content) throws Exception {
        Files.writeString(folder.resolve(file), content, StandardCharsets.UTF_8);
    }

    private void awaitCode(String id, String fragment) {
        latencies.add(Await.until(id + " has code with '" + fragment + "'", WITHIN,
                () -> current(id).map(t -> t.code().contains(fragment)).orElse(false)));
    }

    @Test
    void theFolderIsCreatedAndFilesPresentAtStartAreRead() throws Exception {
        Files.createDirectories(deploy.resolve("templates"));
        Files.writeString(deploy.resolve("templates/early.js"), template("Early", "e"));

        start(Duration.ofMillis(250));

        assertThat(current("early")).map(Template::name).contains("Early");
        assertThat(current("early").orElseThrow().source())
                .isEqualTo(new TemplateSource(TemplateSource.Kind.FOLDER, folder.resolve("early.js").toAbsolutePath().toString()));
    }

    @Test
    void aFileAddedChangedBrokenAndDeletedIsReflectedWithinOneSecondAndBrokenKeepsThePreviousVersion() throws Exception {
        start(Duration.ofMillis(250));

        write("greeting.js", template("Greeting", "one"));
        awaitCode("greeting", "one");
        String first = current("greeting").orElseThrow().version();

        write("greeting.js", template("Greeting", "two"));
        awaitCode("greeting", "two");
        assertThat(current("greeting").orElseThrow().version()).isNotEqualTo(first);

        write("greeting.js", TemplateParserTest.file("{\"name\": \"Greeting\"}", "async function lambda(input) { return 'three' + ; }"));
        // A broken file is read and rejected: prove it was read by adding a good file after it and waiting for that one.
        write("marker.js", template("Marker", "m"));
        awaitCode("marker", "m");
        assertThat(current("greeting").orElseThrow().code()).contains("two");

        Files.delete(folder.resolve("greeting.js"));
        latencies.add(Await.until("greeting removed", WITHIN, () -> current("greeting").isEmpty()));
        assertThat(current("marker")).isPresent();
        System.out.println("Folder change to catalogue latencies (ms): " + latencies);
    }

    @Test
    void theScanAloneFindsChangesWhenNoFileEventArrives() throws Exception {
        // A watcher without file events: only the scan every 50 ms can see the change.
        start(Duration.ofMillis(50), false);
        write("polled.js", template("Polled", "p1"));
        awaitCode("polled", "p1");
        assertThat(watcher.scan(false)).isEqualTo(1);
    }

    @Test
    void aFileThatIsBrokenFromTheStartIsNotInTheCatalogueUntilFixed() throws Exception {
        start(Duration.ofMillis(250));

        write("bad.js", "no metadata at all");
        write("marker.js", template("Marker", "m"));
        awaitCode("marker", "m");
        assertThat(current("bad")).isEmpty();

        write("bad.js", template("Bad no more", "fixed"));
        awaitCode("bad", "fixed");
    }

    @Test
    void aForcedScanReReadsUnchangedFiles() throws Exception {
        start(Duration.ofMillis(250));
        write("a.js", template("A", "a"));
        awaitCode("a", "a");

        assertThat(watcher.scan(true)).isEqualTo(1);
        assertThat(current("a")).isPresent();
    }

    @Test
    void closingTheWatcherTakesItsTemplatesOutOfTheCatalogue() throws Exception {
        start(Duration.ofMillis(250));
        write("a.js", template("A", "a"));
        awaitCode("a", "a");

        watcher.close();
        watcher = null;

        assertThat(registry.snapshot()).isEmpty();
    }
}
