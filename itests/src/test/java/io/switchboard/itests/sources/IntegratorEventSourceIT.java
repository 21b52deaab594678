package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.itests.Api;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The proof that an integrator needs only the public API and data: a third event source is an {@code event-types/<id>/}
 * folder (definition, schemas, sample) plus one route class compiled at test time against nothing but the public API
 * jars (switchboard.core, switchboard.eventtypes, switchboard.camel, Camel, the OSGi framework). Dropped into deploy/,
 * it contributes its event type and webhook route, dispatches to a bound function, and leaves no type, route, thread or
 * error behind when deleted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IntegratorEventSourceIT extends EventSourceTestSupport {

    private static final String BUNDLE = "com.example.parcels";
    private static final String TYPE = "parcel_delivered";
    private static final String PATH = "/events/parcels/delivered";

    /** The folder's files: no Java for the event type. */
    private static final Map<String, String> FOLDER = Map.of(
            "definition.json", """
                    {"id": "parcel_delivered", "name": "Parcel delivered", "description": "A carrier delivered a parcel",
                     "family": "Parcels", "mode": "SYNC", "webhookPath": "/events/parcels/delivered", "limit": 2, "skills": true,
                     "selection": "SKILL", "retries": 0, "delivery": "SINGLE"}
                    """,
            "schema.json", """
                    {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["parcelId"],
                     "properties": {"parcelId": {"type": "string"}}}
                    """,
            "sample.json", "{\"parcelId\": \"P-1\"}",
            "result-schema.json", "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"string\"}");

    private static final String ROUTES = """
            package com.example.parcels;

            import io.switchboard.camel.api.EventSourceRoutes;
            import org.osgi.framework.BundleContext;

            public final class ParcelRoutes extends EventSourceRoutes {
                public ParcelRoutes(BundleContext context) {
                    super(context.getBundle(), null);
                }
            }
            """;

    /** Routes that cannot start: the endpoint's scheme is no component's. */
    private static final String BROKEN_ROUTES = """
            package com.example.parcels;

            import org.apache.camel.builder.RouteBuilder;

            public final class ParcelRoutes extends RouteBuilder {
                public ParcelRoutes(org.osgi.framework.BundleContext context) {
                }

                @Override
                public void configure() {
                    from("no-such-scheme:parcels").routeId("parcel_broken").to("event:parcel_delivered?trigger=EVENT");
                }
            }
            """;

    @Test
    public void anEventSourceWhoseRoutesCannotStartIsReportedDegradedWithTheReasonWhileTheNodeStaysUp() throws Exception {
        await("GET /health answers 200", Duration.ofSeconds(60), () -> get("/health").statusCode() == 200);
        Path jar = deployFolder().resolve(BUNDLE + "-broken.jar");

        writeAtomically(buildBundle(BROKEN_ROUTES), jar);
        try {
            await("GET /health names the routes as a warning", Duration.ofSeconds(60), () -> {
                java.net.http.HttpResponse<String> health = getAsAdmin("/health");
                return health.body().contains("check camel-routes: routes of bundle " + BUNDLE + " 1.0.0");
            });
            java.net.http.HttpResponse<String> health = getAsAdmin("/health");
            String body = health.body();
            assertTrue(body, health.statusCode() == 200);
            assertTrue(body, body.contains("no-such-scheme"));
            assertTrue(body, body.contains("{\"name\":\"camel-routes\",\"status\":\"WARN\""));
            assertTrue(body, body.contains("\"warnings\":[\"check camel-routes: routes of bundle " + BUNDLE));
            assertTrue("ready", get("/health/ready").statusCode() == 200);
            assertTrue("live", get("/health/live").statusCode() == 200);
        } finally {
            Files.delete(jar);
        }
        await("the warning is gone with the bundle", Duration.ofSeconds(60), () -> !getAsAdmin("/health").body().contains("camel-routes: routes"));
    }

    @Test
    public void aThirdEventSourceBuiltOnThePublicApiIsHotDeployedUsedAndRemovedCleanly() throws Exception {
        Path log = Path.of(System.getProperty("user.dir"), "target", "itest.log");
        assertTrue("the test log exists at " + log, Files.isRegularFile(log));
        long logStart = Files.size(log);
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        String account = newAccount();
        Path jar = deployFolder().resolve(BUNDLE + ".jar");

        writeAtomically(buildBundle(ROUTES), jar);
        await("the integrator's event type is in the catalogue", Duration.ofSeconds(60),
                () -> admin.get("/event-types/" + TYPE).status() == 200);

        assertEquals(PATH, admin.get("/event-types/" + TYPE).text("/webhookPath"));
        // The route answers once its CamelContext has started (before that: 404, then 503 with Retry-After).
        await("the integrator's route answers", Duration.ofSeconds(60), () -> {
            int status = webhookAsAdmin(PATH, "{}", "nobody").status();
            return status != 404 && status != 503;
        });
        assertEquals("SKILL", admin.get("/event-types/" + TYPE).text("/selection"));
        deployFunction(account, "parcel-notifier", TYPE, "async function lambda(input) { return 'delivered ' + input.payload.parcelId; }",
                "\"skills\":[\"logistics\"]");
        deployFunction(account, "parcel-breaker", TYPE, "async function lambda(input) { return {not: 'a string'}; }", "\"skills\":[\"returns\"]");
        Api.Answer answer = webhookAsAdmin(PATH + "?skillId=logistics", "{\"parcelId\":\"P-77\"}", account);
        assertEquals(answer.body().toString(), 200, answer.status());
        assertEquals("delivered P-77", answer.body().asText());
        Api.Answer broken = webhookAsAdmin(PATH + "?skillId=returns", "{\"parcelId\":\"P-78\"}", account);
        assertEquals(broken.body().toString(), 901, broken.status());
        assertTrue(broken.body().toString(), broken.text("/errorMsg").contains("invalid-result"));

        Files.delete(jar);
        await("the event type is gone", Duration.ofSeconds(60), () -> admin.get("/event-types/" + TYPE).status() == 404);
        await("the route is gone", Duration.ofSeconds(60), () -> webhookAsAdmin(PATH, "{}", account).status() == 404);
        await("no thread of the bundle's CamelContext is left", Duration.ofSeconds(60),
                () -> leakedThreads(threadsBefore).isEmpty());
        List<String> errors = errorLines(log, logStart);
        assertTrue("errors logged: " + errors, errors.isEmpty());
    }

    private static List<String> leakedThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && (t.getName().contains(BUNDLE) || t.getName().startsWith("Camel")))
                .map(Thread::getName).collect(Collectors.toList());
    }

    private static List<String> errorLines(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String added = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
        return added.lines().filter(line -> line.contains(" ERROR ")).collect(Collectors.toList());
    }

    /** Compiles the route class against the public API only and packs it with its component description and the folder. */
    private Path buildBundle(String routes) throws IOException {
        Path work = Files.createTempDirectory(deployFolder().getParent(), "parcels");
        Path sources = Files.createDirectories(work.resolve("src/com/example/parcels"));
        Files.writeString(sources.resolve("ParcelRoutes.java"), routes);
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-cp", publicApiClassPath(work)));
        arguments.add(sources.resolve("ParcelRoutes.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals("javac of the integrator's bundle", 0, javac.run(null, null, null, arguments.toArray(String[]::new)));

        Path bundle = work.resolve(BUNDLE + ".jar");
        try (OutputStream out = Files.newOutputStream(bundle); JarOutputStream jar = new JarOutputStream(out, manifest())) {
            add(jar, "com/example/parcels/ParcelRoutes.class", Files.readAllBytes(classes.resolve("com/example/parcels/ParcelRoutes.class")));
            add(jar, "OSGI-INF/routes.xml", component("com.example.parcels.ParcelRoutes", "org.apache.camel.RoutesBuilder")
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> file : FOLDER.entrySet()) {
                add(jar, "event-types/" + TYPE + "/" + file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bundle;
    }

    /** The public API jars (switchboard.core, .eventtypes, .camel), the Camel jars and the OSGi framework: nothing else. */
    private static String publicApiClassPath(Path work) throws IOException {
        Path system = Path.of(System.getProperty("switchboard.distribution.dir"), "system");
        List<String> path = new ArrayList<>();
        try (Stream<Path> jars = Files.list(system)) {
            for (Path jar : jars.sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("switchboard.core-") || name.startsWith("switchboard.camel-") || name.startsWith("switchboard.eventtypes-")) {
                    path.add(jar.toString());
                } else if (name.startsWith("switchboard.camel.runtime-")) {
                    path.addAll(extractEmbedded(jar, Files.createDirectories(work.resolve("camel"))));
                }
            }
        }
        try (Stream<Path> jars = Files.list(system.resolveSibling("lib"))) {
            jars.filter(jar -> jar.getFileName().toString().startsWith("org.apache.felix.framework-")).forEach(jar -> path.add(jar.toString()));
        }
        return String.join(java.io.File.pathSeparator, path);
    }

    private static List<String> extractEmbedded(Path runtime, Path target) throws IOException {
        List<String> jars = new ArrayList<>();
        try (JarFile bundle = new JarFile(runtime.toFile())) {
            for (JarEntry entry : bundle.stream().filter(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar")).toList()) {
                Path jar = target.resolve(entry.getName().substring(4));
                try (InputStream in = bundle.getInputStream(entry)) {
                    Files.copy(in, jar);
                }
                jars.add(jar.toString());
            }
        }
        return jars;
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", BUNDLE);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "io.switchboard.camel.api;version=\"[2.0,3)\",org.osgi.framework;version=\"[1.9,2)\","
                + "org.apache.camel;version=\"[4.14,5)\",org.apache.camel.builder;version=\"[4.14,5)\","
                + "org.apache.camel.model;version=\"[4.14,5)\"");
        main.putValue("Service-Component", "OSGI-INF/routes.xml");
        main.putValue("Switchboard-EventTypes", "event-types");
        main.putValue("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=switchboard.eventtypes)(version>=1.0.0)(!(version>=2.0.0)))\"");
        return manifest;
    }

    /** A component activated through its constructor with its bundle's context (Declarative Services 1.4). */
    private static String component(String implementation, String service) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + implementation + "\" init=\"1\">"
                + "<service><provide interface=\"" + service + "\"/></service>"
                + "<implementation class=\"" + implementation + "\"/></scr:component>";
    }

    private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    /** FileInstall must never see a half-written jar: build beside the folder, then move it in. */
    private static void writeAtomically(Path built, Path target) throws IOException {
        Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
