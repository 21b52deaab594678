package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * LivePerson's invocation gateway in the running platform, called the way LivePerson's official clients call it:
 * faas-client-node ({@code ?v=1&externalSystem=...}, {@code User-Agent: faas-client-js@2.0.0}, {@code X-Request-ID}) and
 * faas-client-jdk ({@code ?externalSystem=...&v=1}), both with the body {@code {timestamp, headers: [{key, value}], payload}}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayIT extends EventSourceTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String END = "controllerbot_messaging_conversation_end";

    /** A call as faas-client-node's performInvocationV1 and doFetch make it. */
    private Api.Answer nodeClient(String path, String key, String body) {
        return send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .header("User-Agent", "faas-client-js@2.0.0").header("X-Request-ID", "5c1e0b1a-9f3e-4f5a-8d2c-7b6a5e4d3c2b")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A call as faas-client-jdk's invokeWithUriV1 makes it (its RestClient posts JSON with the authorization header). */
    private Api.Answer jdkClient(String path, String key, String body) {
        return send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Api.Answer getAs(String path, String key) {
        return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + key).GET().build());
    }

    private static Api.Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Answer(response.statusCode(), response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(String payload) {
        return "{\"timestamp\": " + System.currentTimeMillis() + ", \"headers\": [{\"key\": \"X-Caller\", \"value\": \"crm\"}], \"payload\": "
                + payload + "}";
    }

    @Test
    public void aLambdaIsInvokedByItsUuidWithTheFunctionsResultAsTheBody() {
        String id = deployFunction("acme", "lookup", null, "function lambda(input, callback) {"
                + " callback(null, {tier: input.payload.customerId === 'C-1' ? 'gold' : 'basic', caller: input.headers[0].value}); }", null);

        Api.Answer node = nodeClient("/api/account/acme/lambdas/" + id + "/invoke?v=1&externalSystem=unknown", ACME_KEY,
                body("{\"customerId\": \"C-1\"}"));
        Api.Answer jdk = jdkClient("/api/account/acme/lambdas/" + id + "/invoke?externalSystem=crm-sync&v=1", ADMIN_KEY,
                body("{\"customerId\": \"C-2\"}"));

        assertEquals(node.body().toString(), 200, node.status());
        assertEquals("gold", node.text("/tier"));
        assertEquals("crm", node.text("/caller"));
        assertEquals(jdk.body().toString(), 200, jdk.status());
        assertEquals("basic", jdk.text("/tier"));
    }

    @Test
    public void aFailingLambdaIsAnswered901WithLivePersonsErrorCodes() {
        String account = newAccount();
        String custom = deployFunction(account, "custom", null, "function lambda(input, callback) { callback(new Error('no stock')); }", null);
        String typeError = deployFunction(account, "type-error", null, "function lambda(input, callback) { input.payload.missing.field; }", null);
        String slow = deployFunction(account, "slow", null, "async function lambda(input) { while (true) {} }", "\"timeoutMs\": 500");

        Api.Answer customFailure = nodeClient("/api/account/" + account + "/lambdas/" + custom + "/invoke?v=1", ADMIN_KEY, body("{}"));
        Api.Answer runtime = nodeClient("/api/account/" + account + "/lambdas/" + typeError + "/invoke?v=1", ADMIN_KEY, body("{}"));
        Api.Answer timeout = nodeClient("/api/account/" + account + "/lambdas/" + slow + "/invoke?v=1", ADMIN_KEY, body("{}"));

        assertEquals(customFailure.body().toString(), 901, customFailure.status());
        assertEquals("com.liveperson.faas.handler.custom-failure", customFailure.text("/errorCode"));
        assertTrue(customFailure.text("/errorMsg").contains("no stock"));
        assertEquals(901, runtime.status());
        // A TypeError is the runtime's fault class (com.switchboard.function.runtime-error), not the function's own Error.
        assertEquals(runtime.body().toString(), "com.liveperson.faas.handler.runtime-exception", runtime.text("/errorCode"));
        assertEquals(901, timeout.status());
        assertEquals("com.liveperson.faas.handler.executiontime-exceeded", timeout.text("/errorCode"));
    }

    @Test
    public void missingUndeployedAndForeignLambdasAndBadInputAreLivePersonsErrors() {
        String account = newAccount();
        Api.Answer created = admin.post("/accounts/" + account + "/functions", "{\"name\": \"draft\", \"code\": "
                + Api.quote("function lambda(input, callback) { callback(null, 1); }") + "}");
        String draft = created.text("/id");
        String deployed = deployFunction(account, "deployed", null, "function lambda(input, callback) { callback(null, 1); }", null);

        assertEquals(409, nodeClient("/api/account/" + account + "/lambdas/" + draft + "/invoke?v=1", ADMIN_KEY, body("{}")).status());
        Api.Answer missing = nodeClient("/api/account/" + account + "/lambdas/4ec49ffc-080b-4e59-b302-18d6b826191b/invoke?v=1", ADMIN_KEY,
                body("{}"));
        assertEquals(404, missing.status());
        assertEquals("com.liveperson.faas.es.missinglambda", missing.text("/errorCode"));
        Api.Answer foreign = nodeClient("/api/account/" + account + "/lambdas/" + deployed + "/invoke?v=1", ACME_KEY, body("{}"));
        assertEquals(404, foreign.status());
        Api.Answer unauthorized = nodeClient("/api/account/" + account + "/lambdas/" + deployed + "/invoke?v=1", "wrong-key", body("{}"));
        assertEquals(401, unauthorized.status());
        Api.Answer badInput = nodeClient("/api/account/" + account + "/lambdas/" + deployed + "/invoke?v=1", ADMIN_KEY,
                "{\"headers\": \"not a list\", \"payload\": {}}");
        assertEquals(400, badInput.status());
        assertEquals("com.liveperson.faas.es.badinput", badInput.text("/errorCode"));
        assertTrue(badInput.text("/errorMsg").startsWith("/headers"));
    }

    @Test
    public void anEventIsInvokedSynchronouslyForTheSkillAndIsImplementedSaysWhetherAFunctionWouldRun() {
        String account = newAccount();
        JsonNode type = eventType(END);
        String events = "/api/account/" + account + "/events/" + END;
        assertEquals(JSON.createObjectNode().put("implemented", false), getAs(events + "/isImplemented?v=1&skillId=42", ADMIN_KEY).body());
        deployFunction(account, "goodbye", END, "function lambda(input, callback) {"
                + " callback(null, [{type: 'systemMessage', text: 'Bye ' + input.payload.general.convId}]); }", "\"skills\": [\"42\"]");

        Api.Answer invoked = nodeClient(events + "/invoke?v=1&skillId=42&externalSystem=unknown", ADMIN_KEY, body(sample(type)));
        Api.Answer withoutSkill = nodeClient(events + "/invoke?v=1", ADMIN_KEY, body(sample(type)));

        assertEquals(invoked.body().toString(), 200, invoked.status());
        assertEquals("Bye " + type.at("/samplePayload/general/convId").asText(), invoked.text("/commands/0/text"));
        assertEquals("false", invoked.text("/useDefaultAutoMessage"));
        assertEquals("no function without skills: nothing runs", 0, withoutSkill.body().get("commands").size());
        assertEquals(JSON.createObjectNode().put("implemented", true), getAs(events + "/isImplemented?skillId=42", ADMIN_KEY).body());
        assertEquals(JSON.createObjectNode().put("implemented", false), getAs(events + "/isImplemented?skillId=7", ADMIN_KEY).body());
        assertEquals(1, admin.get("/accounts/" + account + "/functions").body().at("/total").asInt());
    }

    @Test
    public void commandsAndBotsAreInvokedByTheirFunctionAndAnOldIdIsUnknown() {
        Api.Answer command = nodeClient("/api/account/acme/events/conversational_command/invoke?v=1", ACME_KEY, body("{}"));
        Api.Answer oldId = nodeClient("/api/account/acme/events/messaging_conversation_end/invoke?v=1", ACME_KEY, body("{}"));

        assertEquals(400, command.status());
        assertEquals("com.liveperson.faas.es.badinput", command.text("/errorCode"));
        assertEquals(404, oldId.status());
        assertTrue(oldId.text("/errorMsg"), oldId.text("/errorMsg").contains("renamed to '" + END + "'"));
    }
}
