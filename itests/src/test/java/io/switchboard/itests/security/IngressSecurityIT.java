package io.switchboard.itests.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.switchboard.itests.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The ingress items of the security suite (docs/security.md, "Ingress: webhooks, HTTP and headers"): an account comes
 * from the authentication only, never from headers of the body or of HTTP; Camel's and Switchboard's headers from a
 * client never reach a route; TRACE is refused everywhere; dot segments and encoded separators are refused before any
 * servlet.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IngressSecurityIT extends TwoTenantsTestSupport {

    private static final Duration ANSWER = Duration.ofSeconds(20);
    private static final String ECHO_HEADERS = "async function lambda(input) { return {headers: input.headers}; }";

    @Test
    public void aConversationBuilderCallRunsTheKeysAccountsFunctionWhateverItsHeadersName() {
        deployFunction(BOB, "bobfn", null, "async function lambda(input) { return {secret: 'bob-secret'}; }", null);
        String bobsFunctions = "/accounts/" + BOB + "/functions?size=100";

        for (String name : List.of("SwitchboardAccount", "switchboardaccount", "SWITCHBOARDACCOUNT", "X-Switchboard-Account")) {
            Api.Answer answer = webhook(CONVERSATION_BUILDER,
                    conversationBuilderCall("bobfn", "[{\"key\":\"" + name + "\",\"value\":\"bob\"}]"), "Authorization", "Bearer " + ALICE_KEY);

            assertEquals(name + ": " + answer.body(), 404, answer.status());
            assertFalse(answer.body().toString(), answer.body().toString().contains("bob-secret"));
        }
        Api.Answer viaHttpHeader = webhook(CONVERSATION_BUILDER, conversationBuilderCall("bobfn", null),
                "Authorization", "Bearer " + ALICE_KEY, "SwitchboardAccount", "bob");
        assertEquals(viaHttpHeader.body().toString(), 404, viaHttpHeader.status());
        String bobfn = bob.get(bobsFunctions).body().at("/items/0/id").asText();
        assertEquals(0, bob.get("/accounts/" + BOB + "/functions/" + bobfn + "/invocations").body().at("/total").asInt());
    }

    @Test
    public void theBodysHeadersReachTheFunctionAsDataWithoutPlatformNames() {
        deployFunction(ALICE, "echo", null, ECHO_HEADERS, null);

        Api.Answer answer = webhook(CONVERSATION_BUILDER, conversationBuilderCall("echo",
                "[{\"key\":\"X-Bot\",\"value\":\"cb\"},{\"key\":\"SwitchboardAccount\",\"value\":\"bob\"},"
                        + "{\"key\":\"CamelHttpResponseCode\",\"value\":\"101\"}]"), "Authorization", "Bearer " + ALICE_KEY);

        assertEquals(answer.body().toString(), 200, answer.status());
        String headers = answer.body().at("/result/headers").toString();
        assertTrue(headers, headers.contains("\"X-Bot\"") && headers.contains("\"cb\""));
        assertFalse(headers, headers.toLowerCase().contains("switchboard"));
        assertFalse(headers, headers.toLowerCase().contains("camel"));
    }

    @Test
    public void camelAndSwitchboardHeadersSentOverHttpNeverReachTheRoute() throws Exception {
        deployFunction(ALICE, "echo-http", null, ECHO_HEADERS, null);
        byte[] body = conversationBuilderCall("echo-http", null).getBytes(StandardCharsets.UTF_8);

        for (String code : List.of("abc", "101", "302", "901")) {
            RawHttp.Answer answer = RawHttp.send(port(), "POST " + CONVERSATION_BUILDER + " HTTP/1.1",
                    Map.of("Authorization", "Bearer " + ALICE_KEY, "Content-Type", "application/json", "CamelHttpResponseCode", code,
                            "camelhttpresponsetext", "hijacked", "SwitchboardWebhookPath", "/events/other", "X-Switchboard-Extra", "x"),
                    body, ANSWER);

            assertEquals(code + ": " + answer, 200, answer.status());
            assertTrue(answer.toString(), answer.headers().get("content-type").startsWith("application/json"));
            String lower = answer.body().toLowerCase();
            assertFalse(answer.body(), lower.contains("camel") || lower.contains("switchboard"));
        }
    }

    @Test
    public void traceIsRefusedOnEveryPathAndEchoesNoCredentials() throws Exception {
        for (String path : List.of("/health", "/api/v1/event-types", CONVERSATION_BUILDER, "/", "/no/such/path")) {
            for (String method : List.of("TRACE", "TRACK")) {
                RawHttp.Answer answer = RawHttp.send(port(), method + " " + path + " HTTP/1.1",
                        Map.of("Authorization", "Bearer " + ALICE_KEY, "Cookie", "session=secret-cookie-value"), null, ANSWER);

                assertEquals(method + " " + path + ": " + answer, 405, answer.status());
                assertFalse(answer.body(), answer.body().contains(ALICE_KEY));
                assertFalse(answer.body(), answer.body().contains("secret-cookie-value"));
                assertTrue(answer.toString(), answer.headers().get("content-type").startsWith("application/problem+json"));
            }
        }
    }

    @Test
    public void dotSegmentsAndEncodedSeparatorsAreRefusedAsBadRequestsNotAsARestartingApi() throws Exception {
        for (String path : List.of("/api/v1/..", "/api/v1/../", "/api/v1/../health", "/api/v1/./event-types", "/api/v1/%2e%2e/",
                "/api/v1/accounts/alice/functions/..%2f..%2fbob", "/events/../api/v1/event-types", "/api/v1/accounts/bob%2Ffunctions",
                "/api/v1\\event-types")) {
            RawHttp.Answer answer = RawHttp.send(port(), "GET " + path + " HTTP/1.1", Map.of("Authorization", "Bearer " + ALICE_KEY),
                    null, ANSWER);

            assertEquals(path + ": " + answer, 400, answer.status());
            assertFalse(answer.body(), answer.body().contains("restarting"));
        }
        RawHttp.Answer plain = RawHttp.send(port(), "GET /api/v1/event-types HTTP/1.1", Map.of("Authorization", "Bearer " + ALICE_KEY),
                null, ANSWER);
        assertEquals(200, plain.status());
    }
}
