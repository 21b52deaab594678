package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.TemplateSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 8: a template the engine cannot parse (30,000 nested parentheses made every template endpoint answer 503
 * after each restart) is rejected alone and listed with its reason; and the folder watcher's thread is watched (item 3).
 */
class TemplateRejectionTest {
    static final String DEEPLY_NESTED = TemplateParserTest.file("{\"name\": \"Nested\"}",
            "async function lambda(input) { return " + "(".repeat(30_000) + "1" + ")".repeat(30_000) + "; }\n");
    static final String GOOD = TemplateParserTest.file("{\"name\": \"Good\"}", "async function lambda(input) { return 1; }\n");

    private static GraalSyntaxChecker graal;

    @TempDir
    Path folder;

    private final TemplateRegistry registry = new TemplateRegistry();
    private TemplateFolderWatcher watcher;

    @BeforeAll
    static void engine() {
        graal = new GraalSyntaxChecker();
    }

    @AfterAll
    static void close() {
        graal.close();
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void thirtyThousandNestedParenthesesAreRejectedWithAReasonAndTheCheckerGoesOn() throws Exception {
        TemplateParser parser = new TemplateParser(65_536, graal);
        TemplateSource source = new TemplateSource(TemplateSource.Kind.FOLDER, "nested.js");

        assertThatThrownBy(() -> parser.parse("nested.js", DEEPLY_NESTED.getBytes(StandardCharsets.UTF_8), source))
                .isInstanceOf(TemplateRejectedException.class)
                .hasMessageContaining("cannot be parsed").hasMessageContaining("nests too deeply");
        assertThat(parser.parse("good.js", GOOD.getBytes(StandardCharsets.UTF_8), source).name()).isEqualTo("Good");
    }

    @Test
    void aBadFileInTheFolderIsRejectedAloneListedWithItsReasonAndForgottenWhenRemoved() throws Exception {
        Files.writeString(folder.resolve("nested.js"), DEEPLY_NESTED);
        Files.writeString(folder.resolve("good.js"), GOOD);

        watcher = new TemplateFolderWatcher(folder, Duration.ofMillis(20), new TemplateParser(65_536, graal), registry, false);
        watcher.start();

        assertThat(registry.snapshot()).containsOnlyKeys("good");
        assertThat(registry.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.id()).isEqualTo("nested");
            assertThat(rejected.source().kind()).isEqualTo(TemplateSource.Kind.FOLDER);
            assertThat(rejected.reason()).contains("nests too deeply");
        });
        Files.delete(folder.resolve("nested.js"));
        Await.until("the rejection is forgotten", Duration.ofSeconds(5), () -> registry.rejected().isEmpty());
        assertThat(registry.snapshot()).containsOnlyKeys("good");
    }

    @Test
    void aWatcherThreadThatDiesIsReportedAndAnOutOfMemoryErrorDoesNotKillIt() throws Exception {
        SyntaxChecker failing = new SyntaxChecker() {
            @Override
            public void check(String name, String code) {
                if (name.equals("oom.js")) {
                    throw new OutOfMemoryError("Java heap space (as when a function filled the heap)");
                }
                if (name.equals("poison.js")) {
                    throw new LinkageError("an error the watcher cannot live with");
                }
            }
        };
        watcher = new TemplateFolderWatcher(folder, Duration.ofMillis(20), new TemplateParser(65_536, failing), registry, false);
        watcher.start();

        Files.writeString(folder.resolve("oom.js"), GOOD);
        Files.writeString(folder.resolve("good.js"), GOOD);
        Await.until("good.js is read", Duration.ofSeconds(5), () -> registry.snapshot().containsKey("good"));
        assertThat(watcher.failure()).as("an OutOfMemoryError is logged and the watcher goes on").isEmpty();

        Files.writeString(folder.resolve("poison.js"), GOOD);
        Await.until("the death is reported", Duration.ofSeconds(5), () -> watcher.failure().isPresent());
        assertThat(watcher.failure().orElseThrow()).contains("switchboard-template-folder", "died", "LinkageError");
    }

    @Test
    void rejectionsAreKeptPerSource() {
        TemplateRegistry.SourceKey a = new TemplateRegistry.SourceKey(1, "a");
        registry.reject(a, new RejectedTemplate("x", new TemplateSource(TemplateSource.Kind.BUNDLE, "b 1"), "bad", java.time.Instant.EPOCH));
        registry.clearRejection(new TemplateRegistry.SourceKey(2, "b"), "x");

        assertThat(registry.rejected()).hasSize(1);
        registry.removeSource(a);
        assertThat(registry.rejected()).isEmpty();
    }
}
