package io.switchboard.itests.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.itests.Api;
import io.switchboard.itests.SwitchboardTestSupport;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Issue 14, the platform's items in a real Felix with the real bundles: what the core stores and logs of a function
 * (items 4, 7), templates the engine cannot parse (8), /health without a key (13), paging (15), configuration bounds (17),
 * quotas (18) and account keys (19). Each test uses accounts of its own, so they share one framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformSecurityIT extends SwitchboardTestSupport {

    private static final String ASYNC = "itest_security_async";
    private static final String FORGED = "2026-12-03 07:00:00.000 INFO  [main] forged-line-marker";

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private static volatile boolean prepared;

    /**
     * Once, before any test: the event type of the async test, whose functions get one attempt (no retries).
     */
    @Before
    public void prepare() throws Exception {
        if (!prepared) {
            EventTypeDefinition definition = new EventTypeDefinition(ASYNC, "Itest security async", "", "Itest", 1, false,
                    InvocationMode.ASYNC, EventSelection.ALL, 0, ResultDelivery.SINGLE, "{\"type\":\"object\"}", "{}", "{}",
                    "/events/itest/security-async");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(EventTypeId.NAME, ASYNC);
            context.registerService(EventTypeProvider.class, (EventTypeProvider) () -> definition, properties);
            prepared = true;
        }
        Api admin = api(adminKey());
        await("the API knows the async event type", Duration.ofSeconds(30), () -> admin.get("/event-types/" + ASYNC).status() == 200);
    }

    private Api api(String key) {
        return new Api(url("/api/v1").toString(), key);
    }

    /** A key for the account, issued through the API (item 19 is exercised by every test this way). */
    private Api account(String name) {
        Api admin = api(adminKey());
        await("the API answers", Duration.ofSeconds(30), () -> admin.get("/event-types").status() == 200);
        Api.Answer issued = admin.post("/accounts/" + name + "/keys", null);
        assertEquals(issued.body().toString(), 201, issued.status());
        return api(issued.text("/key"));
    }

    private void configure(String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        configuration.update(new Hashtable<>(values));
    }

    private String deploy(Api api, String account, String name, String code, String eventType) {
        String event = eventType == null ? "" : ",\"eventType\":\"" + eventType + "\"";
        Api.Answer created = api.post("/accounts/" + account + "/functions", "{\"name\":\"" + name + "\",\"code\":" + Api.quote(code) + event + "}");
        assertEquals(created.body().toString(), 201, created.status());
        String id = created.text("/id");
        assertEquals(200, api.post("/accounts/" + account + "/functions/" + id + "/deploy", null).status());
        return id;
    }

    @Test
    public void aTwentyMegabyteErrorIsAnsweredAndStoredCut() {
        Api alice = account("alice-errors");
        String id = deploy(alice, "alice-errors", "huge", "async function lambda(input) { throw new Error('E'.repeat(20 * 1024 * 1024)); }",
                null);

        Api.Answer invoked = alice.post("/accounts/alice-errors/functions/" + id + "/invoke", "{}");

        assertEquals(invoked.body().toString().substring(0, 300), 200, invoked.status());
        String message = invoked.text("/error/errorMsg");
        assertTrue("answered " + message.length() + " characters", message.length() < 8_192 + 100);
        Api.Answer stored = alice.get("/accounts/alice-errors/invocations/" + invoked.text("/invocationId"));
        assertTrue(stored.text("/error/errorMsg").length() < 8_192 + 100);
    }

    @Test
    public void anAsyncFunctionsErrorReachesTheLogEscapedAndCut() throws Exception {
        Api bob = account("bob-logs");
        await("the event type is known", Duration.ofSeconds(30), () -> bob.get("/event-types/" + ASYNC).status() == 200);
        deploy(bob, "bob-logs", "forger", "async function lambda(input) { throw new Error('boom\\n" + FORGED + "\\n' + 'P'.repeat(2 * 1024 * 1024)); }",
                ASYNC);

        assertEquals(202, bob.post("/accounts/bob-logs/events/" + ASYNC, "{\"payload\":{}}").status());

        Path log = Path.of(System.getProperty("user.dir"), "target", "itest.log");
        await("the dead letter is logged", Duration.ofSeconds(60), () -> read(log).contains("forged-line-marker"));
        String text = read(log);
        assertFalse("a forged line starts a log line", text.lines().anyMatch(line -> line.startsWith(FORGED)));
        assertFalse("2 MB of padding in the log", text.contains("P".repeat(10_000)));
        assertTrue(text.contains("boom\\n" + FORGED));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    public void aTemplateTheEngineCannotParseIsRejectedAloneAndListedWithItsReason() throws Exception {
        Path folder = Files.createDirectories(deployFolder().resolve("templates"));
        Files.writeString(folder.resolve("nested.js"), "/*template\n{\"name\": \"Nested\"}\n*/\nasync function lambda(input) { return "
                + "(".repeat(30_000) + "1" + ")".repeat(30_000) + "; }\n");
        Bundle catalog = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "switchboard.templates.catalog".equals(b.getSymbolicName())).findFirst().orElseThrow();
        // As after a restart: the catalogue starts with the bad file in its folder.
        catalog.stop();
        catalog.start();
        Api carol = account("carol-templates");

        await("the template endpoints answer", Duration.ofSeconds(30), () -> carol.get("/templates").status() == 200);
        Api.Answer rejected = carol.get("/template-rejections");
        assertEquals(200, rejected.status());
        assertEquals("nested", rejected.text("/items/0/id"));
        assertTrue(rejected.text("/items/0/reason"), rejected.text("/items/0/reason").contains("nests too deeply"));
        assertEquals(200, carol.get("/templates/greeting").status());
        Files.delete(folder.resolve("nested.js"));
        await("the rejection is gone with the file", Duration.ofSeconds(10),
                () -> carol.get("/template-rejections").body().at("/items").isEmpty());
    }

    @Test
    public void healthWithoutAKeyTellsOnlyTheStatusAndTheAdminKeySeesEveryCheck() {
        await("GET /health answers 200", Duration.ofSeconds(30), () -> get("/health").statusCode() == 200);

        assertEquals("{\"status\":\"UP\"}", get("/health").body());
        HttpResponse<String> details = getAsAdmin("/health");
        for (String check : new String[] {"async-queue", "invocation-records", "database-maintenance", "templates", "configuration"}) {
            assertTrue(check + " in " + details.body(), details.body().contains("{\"name\":\"" + check + "\""));
        }
        assertTrue(details.body().contains("\"switchboard.core\""));
    }

    @Test
    public void aPageBeyondTheListingDepthIs400() {
        Api dave = account("dave-paging");

        Api.Answer answer = dave.get("/accounts/dave-paging/functions?page=2147483647&size=100");

        assertEquals(400, answer.status());
        assertEquals("page", answer.text("/errors/0/field"));
    }

    @Test
    public void anImpossibleExecutorTimeoutIsRefusedNamedInHealthAndTheExecutorKeepsItsDefault() throws Exception {
        Api erin = account("erin-config");
        String id = deploy(erin, "erin-config", "quick", "async function lambda(input) { return 42; }", null);
        configure("io.switchboard.executor.graaljs", Map.of("maxTimeoutMillis", -5L));
        try {
            await("/health names the refused value", Duration.ofSeconds(30), () -> getAsAdmin("/health").body()
                    .contains("configuration io.switchboard.executor.graaljs: maxTimeoutMillis=-5 refused"));
            String health = getAsAdmin("/health").body();
            assertTrue(health, health.contains("out of bounds"));
            assertTrue(health, health.contains("\"warnings\":[\"check configuration:"));
            assertEquals("a refused value is a warning, not DOWN", 200, get("/health").statusCode());
            await("the executor runs functions", Duration.ofSeconds(30), () ->
                    erin.post("/accounts/erin-config/functions/" + id + "/invoke", "{}").text("/outcome").equals("OK"));
        } finally {
            configurationAdmin.getConfiguration("io.switchboard.executor.graaljs", "?").delete();
        }
        await("the refusal is gone once the configuration is", Duration.ofSeconds(30),
                () -> !getAsAdmin("/health").body().contains("maxTimeoutMillis=-5"));
    }

    @Test
    public void anAccountBeyondItsQuotasIsAnswered429And413() throws Exception {
        configure("io.switchboard.core.quotas", Map.of("overrides", new String[] {"frank-quotas:maxFunctions=2",
                "frank-quotas:maxCodeChars=2000", "frank-quotas:maxSecrets=1"}));
        Api frank = account("frank-quotas");
        String code = "async function lambda(input) { return 1; }";
        await("the quotas are in force", Duration.ofSeconds(30), () -> {
            Api.Answer big = frank.post("/accounts/frank-quotas/functions", "{\"name\":\"big\",\"code\":" + Api.quote(code + " ".repeat(2_500)) + "}");
            return big.status() == 413;
        });

        assertEquals(201, frank.post("/accounts/frank-quotas/functions", "{\"name\":\"a\",\"code\":" + Api.quote(code) + "}").status());
        assertEquals(201, frank.post("/accounts/frank-quotas/functions", "{\"name\":\"b\",\"code\":" + Api.quote(code) + "}").status());
        Api.Answer third = frank.post("/accounts/frank-quotas/functions", "{\"name\":\"c\",\"code\":" + Api.quote(code) + "}");
        assertEquals(429, third.status());
        assertEquals("urn:switchboard:problem:quota-exceeded", third.text("/type"));
        assertEquals("maxFunctions", third.text("/quota"));
        assertEquals(201, frank.post("/accounts/frank-quotas/secrets", "{\"name\":\"one\",\"value\":\"1\"}").status());
        assertEquals(429, frank.post("/accounts/frank-quotas/secrets", "{\"name\":\"two\",\"value\":\"2\"}").status());
        Api other = account("grace-quotas");
        assertEquals("another account keeps the defaults", 201,
                other.post("/accounts/grace-quotas/functions", "{\"name\":\"c\",\"code\":" + Api.quote(code) + "}").status());
    }

    @Test
    public void theAdminIssuesRotatesAndRevokesKeysShownOnce() {
        Api admin = api(adminKey());
        Api first = account("heidi-keys");
        assertEquals(200, first.get("/accounts/heidi-keys/functions").status());

        Api.Answer rotated = admin.post("/accounts/heidi-keys/keys", "{\"revokeOthers\": true}");
        Api second = api(rotated.text("/key"));

        assertEquals(401, first.get("/accounts/heidi-keys/functions").status());
        assertEquals(200, second.get("/accounts/heidi-keys/functions").status());
        assertEquals(404, second.get("/accounts/alice-errors/functions").status());
        assertEquals(403, second.get("/accounts").status());
        Api.Answer accounts = admin.get("/accounts?size=100");
        assertTrue(accounts.body().toString(), accounts.body().toString().contains("\"account\":\"heidi-keys\""));
        String keys = admin.get("/accounts/heidi-keys/keys").body().toString();
        assertFalse("a listed key shows no key", keys.contains(rotated.text("/key")));
        assertEquals(204, admin.delete("/accounts/heidi-keys/keys/" + rotated.text("/id")).status());
        assertNotEquals(200, second.get("/accounts/heidi-keys/functions").status());
    }
}
