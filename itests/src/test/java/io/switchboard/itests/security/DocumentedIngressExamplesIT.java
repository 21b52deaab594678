package io.switchboard.itests.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.distribution.Installation;
import io.switchboard.itests.distribution.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ingress examples of the documents, run as written against the packaged distribution: the configuration examples
 * are written into its {@code etc/} before it starts, the shell examples run with bash and curl and must print what the
 * document says they print (docs/security.md, docs/writing-an-event-source.md, docs/configuration.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedIngressExamplesIT {

    private static final String ADMIN_KEY = "docs-admin-key-0123456789";
    /** The shared secret of the documented webhook configuration example. */
    private static final String SECRET = "change-me";

    private Installation installation;
    private DocumentedExamples security;
    private DocumentedExamples eventSources;
    private DocumentedExamples configuration;

    @BeforeAll
    void startWithTheDocumentedConfiguration() throws Exception {
        security = DocumentedExamples.of("security.md");
        eventSources = DocumentedExamples.of("writing-an-event-source.md");
        configuration = DocumentedExamples.of("configuration.md");
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "documented-ingress"));
        // The ingress examples only: configuration.md's others (a PostgreSQL, quotas, keys) are DocumentedConfigurationIT's.
        for (Map.Entry<String, String> config : eventSources.configs().entrySet()) {
            Files.writeString(installation.home.resolve(config.getKey()), config.getValue());
        }
        Files.writeString(installation.home.resolve("etc/io.switchboard.http.cfg"), configuration.configs().get("etc/io.switchboard.http.cfg"));
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
    }

    @AfterAll
    void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void theConfigurationExamplesAreThoseTheInstallationRunsWith() {
        assertThat(eventSources.configs()).containsKey("etc/io.switchboard.camel.webhook.cfg");
        assertThat(configuration.configs()).containsKey("etc/io.switchboard.http.cfg");
        // The body reader logs its limits when it starts: the documented ones, not the defaults.
        assertThat(installation.log()).contains("read within 5000 ms, at 4096 bytes/s at least, 32 at once (8 per account)");
    }

    @Test
    void traceIsRefused() throws Exception {
        assertPrints(security.example("trace-refused"));
    }

    @Test
    void aPathWithADotSegmentIsABadRequest() throws Exception {
        assertPrints(security.example("ambiguous-path"));
    }

    @Test
    void aCamelHeaderFromTheClientDoesNotSetTheStatus() throws Exception {
        assertPrints(security.example("reserved-headers"));
    }

    @Test
    void aCallSignedWithTheDocumentedSecretIsAccepted() throws Exception {
        assertPrints(eventSources.example("signed-webhook"));
    }

    @Test
    void aCallSignedTenMinutesAgoIsRefused() throws Exception {
        assertPrints(eventSources.example("replayed-webhook"));
    }

    private void assertPrints(DocumentedExamples.Example example) throws Exception {
        DocumentedExamples.Run run = DocumentedExamples.run(example, installation.port, Map.of("KEY", ADMIN_KEY, "SECRET", SECRET));

        assertThat(run.exitCode()).as(example.name() + " printed:\n" + run.output()).isZero();
        List<String> printed = new ArrayList<>(run.output().lines().map(String::strip).toList());
        assertThat(example.expected()).as("the lines the document says " + example.name() + " prints").isNotEmpty();
        assertThat(printed).as(example.name() + " printed").containsSubsequence(example.expected());
    }
}
