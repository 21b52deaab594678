package io.switchboard.itests.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import io.switchboard.itests.SwitchboardTestSupport;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * LivePerson-style functions through the real API and the real executor bundle in Felix: V2 imports of the toolbelt
 * and LP's libraries, Node's globals, LP's entry-point forms, environment, log entries with extras, error codes, and
 * code checked on save (400 with line and column).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LivePersonRuntimeIT extends SwitchboardTestSupport {

    private static final String ADMIN_KEY = "itest-runtime-admin-key-0123456789";
    private static final String ACCOUNT = "le77001122";
    private static final String V2_FUNCTION = """
            import { Toolbelt } from "core-functions-toolbelt";
            import _ from "lodash";
            import { DateTime } from "luxon";
            import jwt from "jsonwebtoken";
            import { createHash } from "node:crypto";

            export async function lambda(input) {
              console.info("signing", { for: input.payload.name }, 2);
              console.debug("not stored");
              const token = jwt.sign({ sub: input.payload.name }, "secret", { algorithm: "HS256", noTimestamp: true });
              return {
                toolbelt: typeof Toolbelt.HTTPClient,
                words: _.words("one two three").length,
                newYork: DateTime.fromISO("2026-07-01T12:00:00Z").setZone("America/New_York").toFormat("HH:mm"),
                verified: jwt.verify(token, "secret").sub,
                sha256: createHash("sha256").update("abc").digest("hex").slice(0, 16),
                base64: Buffer.from(input.payload.name).toString("base64"),
                host: new URL("https://example.com:8443/x?y=1").host,
                brand: process.env.BRAND_ID,
                uuid: typeof crypto.randomUUID(),
              };
            }
            """;

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
        await("the API knows the admin key", Duration.ofSeconds(20), () -> admin.get("/event-types").status() == 200);
    }

    @Test
    public void aV2FunctionWithImportsRunsAsWrittenForLivePerson() {
        String id = deployed("v2-imports", V2_FUNCTION, "{}");

        JsonNode outcome = invoke(id, "{\"payload\": {\"name\": \"Ada\"}}");

        assertEquals(outcome.toString(), "OK", outcome.path("outcome").asText());
        JsonNode result = outcome.path("result");
        assertEquals("function", result.path("toolbelt").asText());
        assertEquals(3, result.path("words").asInt());
        assertEquals("08:00", result.path("newYork").asText());
        assertEquals("Ada", result.path("verified").asText());
        assertEquals("ba7816bf8f01cfea", result.path("sha256").asText());
        assertEquals("QWRh", result.path("base64").asText());
        assertEquals("example.com:8443", result.path("host").asText());
        assertEquals(ACCOUNT, result.path("brand").asText());
        assertEquals("string", result.path("uuid").asText());
        assertEquals("signing", outcome.path("logs").path(0).path("message").asText());
        assertEquals("[{\"for\":\"Ada\"},2]", outcome.path("logs").path(0).path("extras").toString());
        assertEquals("DEBUG", outcome.path("logs").path(1).path("level").asText());

        JsonNode record = admin.get("/accounts/" + ACCOUNT + "/invocations/" + outcome.path("invocationId").asText()).body();
        assertEquals("the stored record keeps the extras and drops the DEBUG line: " + record, 1, record.path("logs").size());
        assertEquals("[{\"for\":\"Ada\"},2]", record.path("logs").path(0).path("extras").toString());
    }

    @Test
    public void lpsModuleExportsFormsRunInBothStyles() {
        String callback = deployed("exports-callback", "module.exports = (data, cb) => cb(null, { doubled: data.payload.n * 2 });", "{}");
        String recipe = deployed("exports-recipe", "function lambda(input, callback) { callback(null, 'recipe'); }\nmodule.exports = lambda;", "{}");

        assertEquals(4, invoke(callback, "{\"payload\": {\"n\": 2}}").path("result").path("doubled").asInt());
        assertEquals("recipe", invoke(recipe, "{}").path("result").asText());
    }

    @Test
    public void aTypeErrorAtRunTimeIsARuntimeErrorAndAThrownErrorACustomFailure() {
        String typeError = deployed("type-error", "async function lambda(input) { return input.payload.missing.field; }", "{}");
        String thrown = deployed("thrown", "async function lambda() { throw new Error('out of stock'); }", "{}");

        assertEquals("com.switchboard.function.runtime-error", invoke(typeError, "{}").path("error").path("errorCode").asText());
        JsonNode failed = invoke(thrown, "{}");
        assertEquals("com.switchboard.function.failed", failed.path("error").path("errorCode").asText());
        assertEquals("out of stock", failed.path("error").path("errorMsg").asText());
    }

    @Test
    public void codeThatCannotRunIsRefusedOnSaveWithLineAndColumn() {
        Api.Answer syntax = create("syntax", "async function lambda(input) {\n  return input.;\n}", "{}");
        Api.Answer noEntryPoint = create("no-entry", "async function handler(input) { return 1; }", "{}");
        Api.Answer unknownImport = create("unknown-import", "import pad from 'left-pad';\nexport async function lambda() {}", "{}");
        Api.Answer reservedEnv = create("reserved-env", "async function lambda() {}", "{\"BRAND_ID\": \"mine\"}");

        assertEquals(400, syntax.status());
        assertEquals("/code", syntax.text("/errors/0/field"));
        assertTrue(syntax.body().toString(), syntax.text("/errors/0/message").startsWith("line 2, column "));
        assertEquals(400, noEntryPoint.status());
        assertTrue(noEntryPoint.text("/errors/0/message").contains("no entry point"));
        assertEquals(400, unknownImport.status());
        assertTrue(unknownImport.text("/errors/0/message").startsWith("line 1, column 17: Cannot find module 'left-pad'"));
        assertEquals(400, reservedEnv.status());
        assertEquals("/env/BRAND_ID", reservedEnv.text("/errors/0/field"));
    }

    /**
     * Functions get the largest timeout: the first one to load a library parses it for the engine (once), which takes
     * seconds on a cold JVM on a loaded 2-core machine.
     */
    private Api.Answer create(String name, String code, String envJson) {
        return admin.post("/accounts/" + ACCOUNT + "/functions", "{\"name\":" + Api.quote(name) + ",\"code\":" + Api.quote(code)
                + ",\"env\":" + envJson + ",\"timeoutMs\":60000}");
    }

    private String deployed(String name, String code, String envJson) {
        Api.Answer created = create(name, code, envJson);
        assertEquals(created.body().toString(), 201, created.status());
        String id = created.text("/id");
        Api.Answer deployed = admin.post("/accounts/" + ACCOUNT + "/functions/" + id + "/deploy", null);
        assertEquals(deployed.body().toString(), 200, deployed.status());
        return id;
    }

    private JsonNode invoke(String id, String body) {
        Api.Answer answer = admin.post("/accounts/" + ACCOUNT + "/functions/" + id + "/invoke", body);
        assertEquals(answer.body().toString(), 200, answer.status());
        return answer.body();
    }
}
