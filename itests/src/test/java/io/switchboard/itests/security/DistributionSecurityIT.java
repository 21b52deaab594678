package io.switchboard.itests.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import io.switchboard.itests.distribution.Installation;
import io.switchboard.itests.distribution.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, platform items tested on the packaged installation as a process: one instance per data folder (item 10),
 * deploy/ cannot replace platform bundles (item 9), files holding keys readable by their owner only (item 19).
 */
class DistributionSecurityIT {

    private static final Path WORK = Path.of(System.getProperty("switchboard.itest.work"), "distribution-security");
    private static final Duration UP = Duration.ofSeconds(120);

    @Test
    void aSecondStartOrRunOnTheSameDataFolderIsRefusedAndStopAndStatusSeeTheRunInstance() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Process run = installation.launch("run", Map.of(), installation.home.resolve("run.out"));
            try {
                Poll.until("the run instance answers /health", UP, installation::healthy);
                assertThat(installation.pid()).as("the launcher writes the pid in run mode too").isEqualTo(run.pid());

                Installation.Result status = installation.run("status");
                assertThat(status.exitCode()).as(status.output()).isZero();
                assertThat(status.output()).contains("running (pid " + run.pid() + ")");

                Installation.Result start = installation.run("start");
                assertThat(start.exitCode()).as(start.output()).isNotZero();
                assertThat(start.output()).contains("already running (pid " + run.pid() + ")").doesNotContain("is up");

                // Past the script (another port, a stale pid file...): the launcher's lock on data/ refuses it.
                Files.delete(installation.home.resolve("data/switchboard.pid"));
                Installation.Result second = installation.run("run", Map.of("SWITCHBOARD_HTTP_PORT", Integer.toString(freePort())),
                        Duration.ofSeconds(60));
                assertThat(second.exitCode()).as(second.output()).isEqualTo(5);
                assertThat(second.output().strip()).startsWith("switchboard: another Switchboard instance")
                        .contains("is using the data folder " + installation.home.resolve("data"));
                assertThat(installation.healthy()).as("the first instance runs on").isTrue();
                Files.writeString(installation.home.resolve("data/switchboard.pid"), run.pid() + "\n");

                Installation.Result stop = installation.run("stop");
                assertThat(stop.exitCode()).as(stop.output()).isZero();
                assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run instance ended").isTrue();
                assertThat(installation.run("status").exitCode()).isEqualTo(3);
                assertThat(installation.home.resolve("data/switchboard.pid")).as("removed on a clean stop").doesNotExist();
            } finally {
                run.destroyForcibly();
            }
        }
    }

    @Test
    void aJarInDeployClaimingAPlatformBundleIsRefusedLoggedAndReportedUntilRemoved() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            assertThat(installation.run("start").exitCode()).isZero();
            Api admin = new Api("http://127.0.0.1:" + installation.port, adminKey(installation));
            String coreVersion = coreVersion(installation);
            Path sameVersion = emptyBundle(installation.home.resolve("deploy/core.jar"), "switchboard.core", coreVersion);
            Path otherVersion = emptyBundle(installation.home.resolve("deploy/core-next.jar"), "switchboard.core", "9.9.9");

            Poll.until("both refusals are logged", Duration.ofSeconds(30), () -> installation.log().contains("tried to install a second switchboard.core")
                    && installation.log().contains("Refused to resolve"));
            Api.Answer health = admin.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().toString()).contains("check deploy-folder: core.jar in", "check deploy-folder: core-next.jar in",
                    "claims switchboard.core, a platform bundle of system/: refused");
            assertThat(health.body().at("/bundles").toString())
                    .contains("{\"name\":\"switchboard.core\",\"version\":\"" + coreVersion + "\",\"state\":\"ACTIVE\"}");
            assertThat(new Api("http://127.0.0.1:" + installation.port + "/api/v1", adminKey(installation)).get("/event-types").status())
                    .as("the real core still serves the API").isEqualTo(200);

            Files.delete(sameVersion);
            Files.delete(otherVersion);
            Poll.until("/health answers 200 once the files are gone", Duration.ofSeconds(30), installation::healthy);
        }
    }

    @Test
    void filesHoldingKeysAreReadableByTheirOwnerOnly() throws Exception {
        try (Installation installation = Installation.copy(WORK)) {
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.security.cfg"), "accountKeys=acme=acme-key-0123456789abcdef\n");
            assertThat(installation.run("start").exitCode()).isZero();
            Path data = installation.home.resolve("data");

            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("admin.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("secrets.key"))).isEqualTo("rw-------");
            List<Path> stored;
            try (Stream<Path> files = Files.walk(data.resolve("config"))) {
                stored = files.filter(Files::isRegularFile).toList();
            }
            assertThat(stored).anyMatch(p -> p.toString().endsWith("security.config"));
            assertThat(stored).allSatisfy(p -> assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void theConfigurationExamplesOfTheDocsForQuotasAndHashedKeysAreInForce() throws Exception {
        Map<String, String> docs = DocumentedExamples.of("configuration.md").configs();
        try (Installation installation = Installation.copy(WORK)) {
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.quotas.cfg"),
                    docs.get("etc/io.switchboard.core.quotas.cfg"));
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.security.cfg"),
                    docs.get("etc/io.switchboard.core.security.cfg"));
            assertThat(installation.run("start").exitCode()).isZero();
            String base = "http://127.0.0.1:" + installation.port + "/api/v1";
            Api admin = new Api(base, "docs-admin-key-0123456789");

            assertThat(installation.home.resolve("data/admin.key")).as("the configured admin key is in force").doesNotExist();
            assertThat(admin.get("/accounts").status()).isEqualTo(200);
            assertThat(new Api(base, "docs-acme-key-0123456789").get("/accounts/acme/functions").status()).isEqualTo(200);
            assertThat(Files.readString(installation.home.resolve("etc/io.switchboard.core.security.cfg")))
                    .doesNotContain("docs-admin-key").doesNotContain("docs-acme-key");
            Api globex = new Api(base, admin.post("/accounts/globex/keys", null).text("/key"));
            for (int i = 0; i < 20; i++) {
                assertThat(globex.post("/accounts/globex/secrets", "{\"name\":\"s" + i + "\",\"value\":\"v\"}").status()).isEqualTo(201);
            }
            Api.Answer over = globex.post("/accounts/globex/secrets", "{\"name\":\"s20\",\"value\":\"v\"}");
            assertThat(over.status()).isEqualTo(429);
            assertThat(over.text("/limit")).isEqualTo("20");
            assertThat(new Api("http://127.0.0.1:" + installation.port, "docs-admin-key-0123456789").get("/health").body().at("/warnings"))
                    .as("no value of the examples is refused").isEmpty();
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String adminKey(Installation installation) throws IOException {
        return Files.readString(installation.home.resolve("data/admin.key")).strip();
    }

    private static String coreVersion(Installation installation) throws IOException {
        try (Stream<Path> jars = Files.list(installation.home.resolve("system"))) {
            Path core = jars.filter(p -> p.getFileName().toString().startsWith("switchboard.core-")).findFirst().orElseThrow();
            try (JarFile jar = new JarFile(core.toFile())) {
                return jar.getManifest().getMainAttributes().getValue("Bundle-Version");
            }
        }
    }

    private static Path emptyBundle(Path file, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // a manifest and nothing else, as in the attack
        }
        return Files.move(temporary, file);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
