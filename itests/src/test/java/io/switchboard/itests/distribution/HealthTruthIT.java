package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
import io.switchboard.itests.security.DocumentedExamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health that tells the truth (issue 17, item 8), on the packaged installation: a bundle in deploy/ that does not resolve,
 * a configuration that cannot be applied, a quarantined function and a rejected template are reported with their reason;
 * liveness stays UP for all of them (a restart mends none); the documented probes run as written.
 */
class HealthTruthIT {

    private static final String ADMIN_KEY = "health-truth-admin-key-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Installation installation;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "health-truth"));
        installation.usePostgresWhenTheRunIsForIt();
        String liveChecks = DocumentedExamples.of("operations.md").configs().get("etc/io.switchboard.health.checks.cfg");
        assertThat(liveChecks).contains("liveChecks = async-queue");
        Files.writeString(installation.home.resolve("etc/io.switchboard.health.checks.cfg"), liveChecks);
        Installation.Result started = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(started.exitCode()).as(started.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static HttpResponse<String> get(String path, boolean admin) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + installation.port + path))
                    .timeout(Duration.ofSeconds(10));
            if (admin) {
                request.header("Authorization", "Bearer " + ADMIN_KEY);
            }
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bundle that imports a package nothing exports. */
    private static byte[] unresolvableBundle() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "com.example.unresolvable");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "com.example.missing;version=\"[1.0,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }

    @Test
    void aBundleInDeployThatDoesNotResolveMakesTheNodeNotReadyWithTheMissingPackageButKeepsItLive() throws Exception {
        Path staged = Files.write(installation.home.resolve("unresolvable.jar.tmp"), unresolvableBundle());
        Path jar = installation.home.resolve("deploy/unresolvable.jar");
        Files.move(staged, jar, StandardCopyOption.ATOMIC_MOVE);
        try {
            Poll.until("/health reports the bundle", Duration.ofSeconds(30), () -> get("/health", true).body().contains("deploy-bundles"
                    + ": bundle com.example.unresolvable 1.0.0 (unresolvable.jar) does not resolve: nothing provides package com.example.missing"));
            assertThat(get("/health", false).statusCode()).isEqualTo(503);
            assertThat(get("/health", false).body()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(get("/health/ready", false).statusCode()).isEqualTo(503);
            assertThat(get("/health/live", false).statusCode()).as("a restart would not mend it").isEqualTo(200);
        } finally {
            Files.delete(jar);
        }
        Poll.until("/health is UP once the jar is gone", Duration.ofSeconds(30), installation::healthy);
    }

    @Test
    void aConfigurationThatCannotBeAppliedIsReportedWithItsReason() throws Exception {
        Path config = installation.home.resolve("etc/io.switchboard.metrics.cfg");
        Files.writeString(config, "durationBucketsMillis = 10,twenty\n");
        try {
            Poll.until("/health names the component and the key", Duration.ofSeconds(30), () -> {
                String body = get("/health", true).body();
                return body.contains("io.switchboard.metrics.internal.Meters") && body.contains("durationBucketsMillis");
            });
            assertThat(get("/health", false).statusCode()).isEqualTo(503);
        } finally {
            Files.delete(config);
        }
        Poll.until("/health is UP once the configuration is gone", Duration.ofSeconds(30), installation::healthy);
    }

    @Test
    void aRejectedTemplateAndAQuarantinedFunctionAreWarningsWithTheirReason() throws Exception {
        Path templates = Files.createDirectories(installation.home.resolve("deploy/templates"));
        Files.writeString(templates.resolve("no-metadata.js"), "function lambda(input, callback) { callback(null, 1); }\n");
        String spinner = api.post("/accounts/acme/functions", "{\"name\": \"spinner\", \"timeoutMs\": 1500, \"code\": "
                + Api.quote("async function lambda(input) { while (true) {} }") + "}").text("/id");
        assertThat(api.post("/accounts/acme/functions/" + spinner + "/deploy", null).status()).isEqualTo(200);

        Poll.until("the spinner is quarantined", Duration.ofSeconds(60), () -> {
            api.post("/accounts/acme/functions/" + spinner + "/invoke", "{\"payload\": {}}");
            return get("/health", true).body().contains("check quarantine: function " + spinner + " of account acme is quarantined until");
        });
        Poll.until("the template is reported", Duration.ofSeconds(30),
                () -> get("/health", true).body().contains("check template-rejections: template no-metadata (folder no-metadata.js) rejected: "));
        HttpResponse<String> health = get("/health", true);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("{\"name\":\"quarantine\",\"status\":\"WARN\"", "{\"name\":\"template-rejections\",\"status\":\"WARN\"");
        Files.delete(templates.resolve("no-metadata.js"));
    }

    @Test
    void theDocumentedProbesRunAsWritten() throws Exception {
        DocumentedExamples docs = DocumentedExamples.of("operations.md");
        for (String name : new String[] {"health-live", "health-ready"}) {
            DocumentedExamples.Example example = docs.example(name);
            DocumentedExamples.Run run = DocumentedExamples.run(example, installation.port, Map.of("KEY", ADMIN_KEY));
            assertThat(run.exitCode()).as(name + ": " + run.output()).isZero();
            assertThat(run.output().lines().map(String::strip).toList()).as(name).containsExactlyElementsOf(example.expected());
        }
    }
}
