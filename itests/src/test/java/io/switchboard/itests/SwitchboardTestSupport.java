package io.switchboard.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import io.switchboard.launcher.Platform;
import io.switchboard.launcher.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Assume;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * Boots Felix the way the launcher does (same framework properties, same system/ bundles, GraalJS and SLF4J
 * exported from the class path), each test class in its own folders and on its own HTTP port.
 */
public abstract class SwitchboardTestSupport {

    @Inject
    protected BundleContext context;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Configuration
    public Option[] config() throws IOException {
        Path distribution = Path.of(System.getProperty("switchboard.distribution.dir")).toAbsolutePath();
        Path work = Path.of(System.getProperty("switchboard.itest.work"))
                .resolve(getClass().getSimpleName() + "-" + UUID.randomUUID()).toAbsolutePath();
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Settings settings = new Settings(distribution, "127.0.0.1", freePort(), work.resolve("data"), deploy,
                work.resolve("logs"), Map.of());

        if (TestPostgres.enabled() && TestPostgres.skipReason().isEmpty()) {
            TestPostgres.writePersistedCoreDbConfiguration(settings.data(), TestPostgres.newSchemaUrl());
        }
        List<Option> options = new ArrayList<>();
        Map<String, String> properties = Platform.frameworkProperties(settings, false);
        properties.forEach((key, value) -> {
            if (key.equals(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA)) {
                options.add(systemPackages(value.split(",")));
                // Pax Exam's own bundles import org.slf4j [1.4,2); SLF4J 2 keeps the 1.7 API, so the class path
                // package is exported under that version too. The distribution does not need this.
                options.add(systemPackages("org.slf4j;version=1.7.36"));
            } else if (!key.startsWith("org.osgi.framework.storage")) {
                options.add(frameworkProperty(key).value(value));
            }
        });
        try (Stream<Path> jars = Files.list(settings.system())) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .forEach(jar -> options.add(bundle(jar.toUri().toString())));
        }
        options.add(junitBundles());
        options.add(cleanCaches(true));
        options.add(workingDirectory(work.resolve("exam").toString()));
        return options.toArray(Option[]::new);
    }

    /** In the PostgreSQL run, a test runs only when a PostgreSQL is reachable (skipped with a warning otherwise). */
    @Before
    public void requireTheRunsDatabase() {
        Assume.assumeTrue(TestPostgres.skipReason().orElse(""), TestPostgres.skipReason().isEmpty());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The running platform's deploy folder. */
    protected Path deployFolder() {
        return Path.of(context.getProperty("switchboard.deploy"));
    }

    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port") + path);
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** GET with the generated admin key ({@code data/admin.key}), e.g. for the details of /health. */
    protected HttpResponse<String> getAsAdmin(String path) {
        return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + adminKey())
                .GET().build());
    }

    /** The admin key in force: by default the one the core generated into the data folder (a test that configures one overrides this). */
    protected String adminKey() {
        Path file = Path.of(context.getProperty("switchboard.data"), "admin.key");
        await("the core generated " + file, Duration.ofSeconds(30), () -> Files.exists(file));
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the condition holds; fails with the description when the deadline passes first. */
    protected static void await(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + timeout.toMillis() + " ms: " + description);
            }
            try {
                Thread.sleep(20); // polling the framework's state against the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting: " + description, e);
            }
        }
    }
}
