package io.switchboard.itests.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import io.switchboard.itests.SwitchboardTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The template catalogue in a real Felix with the distribution's bundles: the shipped templates are listed and run,
 * the operators' folder deploy/templates/ is hot-swapped within a second, template bundles come and go at runtime,
 * and functions are created from templates through the API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TemplatesIT extends SwitchboardTestSupport {

    private static final String ADMIN_KEY = "itest-templates-admin-key-0123456789";
    private static final Duration WITHIN_ONE_SECOND = Duration.ofSeconds(1);
    /** The reference's template list as shipped by switchboard.templates. */
    private static final Set<String> SHIPPED = new TreeSet<>(List.of(
            "chat-post-survey-email-transcript", "conversational-command", "keyword-scanner", "messaging-conversation-end",
            "replace-files-for-conversation", "messaging-conversation-idle", "messaging-conversation-routing",
            "messaging-line-in-off-hours", "messaging-consumer-step-up", "messaging-new-conversation",
            "messaging-participants-change", "messaging-survey-ended", "messaging-survey-started", "messaging-ttr",
            "greeting", "http", "logging", "salesforce", "secret-storage", "third-party-bots-custom-integration",
            "third-party-bots-pre-hook", "third-party-bots-post-hook", "third-party-bots-error-hook"));
    /** Shipped templates that call services outside the platform (run against stub servers in the unit tests). */
    private static final Set<String> EXTERNAL = Set.of("http", "salesforce", "keyword-scanner", "replace-files-for-conversation");

    private static volatile boolean prepared;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Api admin;

    @Before
    public void prepare() throws Exception {
        admin = new Api(url("/api/v1").toString(), ADMIN_KEY);
        if (!prepared) {
            Configuration keys = configurationAdmin.getConfiguration("io.switchboard.core.security", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("adminKey", ADMIN_KEY);
            keys.update(properties);
            prepared = true;
        }
        await("the API knows the admin key and lists the shipped templates", Duration.ofSeconds(30),
                () -> ids(admin.get("/templates")).containsAll(SHIPPED));
    }

    private static Set<String> ids(Api.Answer answer) {
        Set<String> ids = new TreeSet<>();
        if (answer.status() == 200) {
            answer.body().get("items").forEach(item -> ids.add(item.get("id").asText()));
        }
        return ids;
    }

    private static String account() {
        return "tpl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path templateFolder() {
        Path folder = deployFolder().resolve("templates");
        await("the catalogue created " + folder, Duration.ofSeconds(10), () -> Files.isDirectory(folder));
        return folder;
    }

    private static String template(String name, String reply) {
        return "/*template\n{\"name\": \"" + name + "\", \"description\": \"itest\"}\n*/\n"
                + "async function lambda(input) { console.info('" + reply + "'); return { reply: '" + reply + "' }; }\n";
    }

    private String code(String id) {
        Api.Answer answer = admin.get("/templates/" + id);
        return answer.status() == 200 ? answer.text("/code") : "";
    }

    /** Waits at most one second from now for the condition; returns how long it took in ms. */
    private static long withinOneSecond(String what, java.util.function.BooleanSupplier condition) {
        long start = System.nanoTime();
        await(what, WITHIN_ONE_SECOND, condition);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    public void everyShippedTemplateIsListedWithItsEventAndTheEventFilterWorks() {
        Api.Answer all = admin.get("/templates");
        assertTrue(ids(all).containsAll(SHIPPED));
        for (JsonNode item : all.body().get("items")) {
            if (SHIPPED.contains(item.get("id").asText())) {
                assertEquals("bundle", item.at("/source/kind").asText());
                assertTrue(item.at("/source/location").asText().startsWith("switchboard.templates "));
                assertTrue(item.get("version").asText().startsWith("sha256:"));
            }
        }
        assertEquals(Set.of("messaging-conversation-end", "keyword-scanner", "replace-files-for-conversation"),
                ids(admin.get("/templates?eventType=controllerbot_messaging_conversation_end")));
        assertEquals("messaging-conversation-end",
                admin.get("/templates?eventType=controllerbot_messaging_conversation_end").text("/items/0/id"));
        assertEquals(Set.of("greeting", "http", "logging", "salesforce", "secret-storage"), ids(admin.get("/templates?eventType=none")));
    }

    @Test
    public void everySelfContainedShippedTemplateRunsAsAFunctionCreatedFromIt() {
        Set<String> eventTypes = ids(admin.get("/event-types"));
        List<String> ran = new ArrayList<>();
        for (String id : SHIPPED) {
            if (EXTERNAL.contains(id)) {
                continue;
            }
            String eventType = admin.get("/templates/" + id).body().path("eventType").asText(null);
            if (eventType != null && !eventTypes.contains(eventType)) {
                continue; // its event source is not part of this distribution
            }
            String account = account();
            if (id.equals("secret-storage")) {
                assertEquals(201, admin.post("/accounts/" + account + "/secrets", "{\"name\": \"my-secret\", \"value\": \"s3cr3t\"}").status());
                // updateSecret refuses a key that does not exist (LivePerson's SecretError): the template's rotation log must be there.
                assertEquals(201, admin.post("/accounts/" + account + "/secrets", "{\"name\": \"my-secret-rotations\", \"value\": \"0\"}").status());
            }
            Api.Answer created = admin.post("/accounts/" + account + "/functions/from-template",
                    "{\"templateId\": " + Api.quote(id) + ", \"name\": " + Api.quote("from-" + id) + "}");
            assertEquals(id + ": " + created.body(), 201, created.status());
            String function = "/accounts/" + account + "/functions/" + created.text("/id");
            assertEquals(id, created.text("/templateId"));
            assertEquals(admin.get("/templates/" + id).text("/version"), created.text("/templateVersion"));
            assertEquals(id + " deploy", 200, admin.post(function + "/deploy", null).status());

            Api.Answer invoked = eventType == null
                    ? admin.post(function + "/invoke", "{\"payload\": {\"name\": \"Ada\"}}")
                    : admin.post(function + "/invoke-sample", null);

            assertEquals(id + ": " + invoked.body(), 200, invoked.status());
            assertEquals(id + ": " + invoked.body(), "OK", invoked.text("/outcome"));
            ran.add(id);
        }
        // The 19 self-contained templates: 5 without event need nothing; the 14 event ones need their event sources.
        assertTrue("ran " + ran, ran.containsAll(List.of("greeting", "logging", "secret-storage")));
        System.out.println("Shipped templates run from the API: " + ran.size() + " " + ran);
    }

    @Test
    public void aTemplateFileAddedChangedBrokenAndDeletedIsReflectedWithinOneSecond() throws IOException {
        Path folder = templateFolder();
        Path file = folder.resolve("itest-hot.js");
        List<Long> latencies = new ArrayList<>();

        Files.writeString(file, template("Hot one", "one"), StandardCharsets.UTF_8);
        latencies.add(withinOneSecond("the added template is listed", () -> code("itest-hot").contains("'one'")));
        String firstVersion = admin.get("/templates/itest-hot").text("/version");
        assertEquals("folder", admin.get("/templates/itest-hot").text("/source/kind"));

        String account = account();
        Api.Answer fromFirst = admin.post("/accounts/" + account + "/functions/from-template", "{\"templateId\": \"itest-hot\", \"name\": \"hot\"}");
        assertEquals(201, fromFirst.status());

        Files.writeString(file, template("Hot two", "two"), StandardCharsets.UTF_8);
        latencies.add(withinOneSecond("the changed template is listed", () -> code("itest-hot").contains("'two'")));
        assertFalse(firstVersion.equals(admin.get("/templates/itest-hot").text("/version")));

        Files.writeString(file, template("Hot three", "three").replace("return {", "return {{"), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("itest-marker.js"), template("Marker", "m"), StandardCharsets.UTF_8);
        latencies.add(withinOneSecond("a file written after the broken one is listed", () -> code("itest-marker").contains("'m'")));
        assertTrue("the broken change keeps the previous version", code("itest-hot").contains("'two'"));

        Files.delete(file);
        latencies.add(withinOneSecond("the deleted template is gone", () -> admin.get("/templates/itest-hot").status() == 404));

        Api.Answer function = admin.get("/accounts/" + account + "/functions/" + fromFirst.text("/id"));
        assertEquals("a function made from a removed template stays as it was", 200, function.status());
        assertTrue(function.text("/code").contains("'one'"));
        assertEquals(firstVersion, function.text("/templateVersion"));
        Files.delete(folder.resolve("itest-marker.js"));
        System.out.println("deploy/templates change -> API latencies (ms): " + latencies);
    }

    @Test
    public void aTemplateBundleInstalledAtRuntimeAddsItsTemplatesAndUninstallingRemovesThem() throws Exception {
        Bundle bundle = context.installBundle("itest:template-bundle-" + UUID.randomUUID(),
                new ByteArrayInputStream(templateBundle("itest.templates", "itest-bundled", template("Bundled", "bundled"))));
        try {
            bundle.start();
            await("the bundle's template is listed", Duration.ofSeconds(30), () -> code("itest-bundled").contains("'bundled'"));
            assertEquals("itest.templates 1.0.0", admin.get("/templates/itest-bundled").text("/source/location"));

            bundle.stop();
            await("a stopped bundle's template is gone", Duration.ofSeconds(30), () -> admin.get("/templates/itest-bundled").status() == 404);

            bundle.start();
            await("a restarted bundle's template is back", Duration.ofSeconds(30), () -> admin.get("/templates/itest-bundled").status() == 200);
        } finally {
            bundle.uninstall();
        }
        await("an uninstalled bundle's template is gone", Duration.ofSeconds(30), () -> admin.get("/templates/itest-bundled").status() == 404);
        assertTrue(ids(admin.get("/templates")).containsAll(SHIPPED));
    }

    @Test
    public void aFunctionCreatedFromATemplateRunsAndRecordsTheTemplate() {
        String account = account();
        Api.Answer created = admin.post("/accounts/" + account + "/functions/from-template",
                "{\"templateId\": \"greeting\", \"name\": \"hello\", \"description\": \"mine\"}");
        assertEquals(created.body().toString(), 201, created.status());
        assertEquals("greeting", created.text("/templateId"));
        assertEquals("mine", created.text("/description"));
        String function = "/accounts/" + account + "/functions/" + created.text("/id");
        assertEquals(200, admin.post(function + "/deploy", null).status());

        Api.Answer invoked = admin.post(function + "/invoke", "{\"payload\": {\"name\": \"Ada\"}}");

        assertEquals(invoked.body().toString(), "OK", invoked.text("/outcome"));
        assertEquals("Hello Ada!", invoked.text("/result/greeting"));
        assertEquals(404, admin.post("/accounts/" + account + "/functions/from-template",
                "{\"templateId\": \"no-such-template\", \"name\": \"x\"}").status());
    }

    @Test
    public void withoutTheCatalogueTheTemplateEndpointsAnswer503AndTheRestOfTheApiWorks() throws Exception {
        Bundle catalogue = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "switchboard.templates.catalog".equals(b.getSymbolicName())).findFirst().orElseThrow();
        catalogue.stop();
        try {
            await("template endpoints answer 503", Duration.ofSeconds(30), () -> admin.get("/templates").status() == 503);
            assertEquals("urn:switchboard:problem:templates-unavailable", admin.get("/templates").text("/type"));
            assertEquals(503, admin.post("/accounts/" + account() + "/functions/from-template",
                    "{\"templateId\": \"greeting\", \"name\": \"x\"}").status());
            assertEquals(200, admin.get("/event-types").status());
        } finally {
            catalogue.start();
        }
        await("the shipped templates are back", Duration.ofSeconds(30), () -> ids(admin.get("/templates")).containsAll(SHIPPED));
    }

    /** A bundle with nothing but templates under templates/ and the header that points the extender at them. */
    private static byte[] templateBundle(String symbolicName, String id, String content) throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Bundle-ManifestVersion", "2");
        attributes.putValue("Bundle-SymbolicName", symbolicName);
        attributes.putValue("Bundle-Version", "1.0.0");
        attributes.putValue("Switchboard-Templates", "templates/");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("templates/"));
            jar.closeEntry();
            jar.putNextEntry(new JarEntry("templates/" + id + ".js"));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
