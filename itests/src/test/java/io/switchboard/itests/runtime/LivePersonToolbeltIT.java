package io.switchboard.itests.runtime;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.itests.Api;
import io.switchboard.itests.SwitchboardTestSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * LivePerson's toolbelt through the real API and the executor bundle in Felix, with functions written as LivePerson's
 * docs write them: account settings (allow-list, discovery URL, rate), JSON secrets and SecretError, the context
 * client's sessions, OrchestratorClient through the core's function calls (same account only), HTTPClient's 429, and
 * LpClient with ConversationUtil against a local stub of LivePerson's discovery and Messaging Interactions API; V2's
 * CsdsClient and LPMtlsClient against stubs of the discovery, the authorization server and the mTLS gateway.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LivePersonToolbeltIT extends SwitchboardTestSupport {

    private static final String ADMIN_KEY = "itest-toolbelt-admin-key-0123456789";
    private static final String ACCOUNT = "le88001122";
    /** V2's clients run in an account of their own: its app key holds OAuth2 client credentials. */
    private static final String V2_ACCOUNT = "le88001133";
    private static final Map<String, String> RECEIVED = new ConcurrentHashMap<>();
    private static volatile boolean prepared;
    private static volatile boolean egressReady;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Api admin;
    private HttpServer stub;
    private String stubBase;

    @Before
    public void prepare() throws Exception {
        admin = new Api(url("/api/v1").toString(), ADMIN_KEY);
        if (!prepared) {
            configure("io.switchboard.core.security", "adminKey", ADMIN_KEY);
            // The stubs listen on loopback, which functions may reach only when the operator admits it.
            configure("io.switchboard.core.egress", "allowedPrivateNetworks", new String[] {"127.0.0.0/8"});
            prepared = true;
        }
        await("the API knows the admin key", Duration.ofSeconds(20), () -> admin.get("/event-types").status() == 200);
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stubBase = "http://127.0.0.1:" + stub.getAddress().getPort();
        String domain = "127.0.0.1:" + stub.getAddress().getPort();
        stub.createContext("/api/account/" + ACCOUNT + "/service/baseURI.json", exchange -> answer(exchange,
                "{\"baseURIs\":[{\"service\":\"msgHist\",\"account\":\"" + ACCOUNT + "\",\"baseURI\":\"" + domain + "\"}]}"));
        stub.createContext("/messaging_history/", exchange -> {
            RECEIVED.put("auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            RECEIVED.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, "{\"conversationHistoryRecords\":[{\"info\":{\"conversationId\":\"c-9\"},\"messageRecords\":[]}]}");
        });
        stub.createContext("/api/account/" + V2_ACCOUNT + "/service/baseURI.json", exchange -> answer(exchange,
                "{\"baseURIs\":[{\"service\":\"sentinel\",\"account\":\"" + V2_ACCOUNT + "\",\"baseURI\":\"" + domain + "\"},"
                        + "{\"service\":\"mtlsGateway\",\"account\":\"" + V2_ACCOUNT + "\",\"baseURI\":\"" + domain + "\"}]}"));
        stub.createContext("/sentinel/api/v2/account/" + V2_ACCOUNT + "/app/token", exchange -> {
            RECEIVED.put("token.form", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, "{\"access_token\":\"at-9\",\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}");
        });
        stub.createContext("/mtls/account/" + V2_ACCOUNT, exchange -> {
            RECEIVED.put("gateway.auth", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            RECEIVED.put("gateway.forward", String.valueOf(exchange.getRequestHeaders().getFirst("LP-forward-url")));
            RECEIVED.put("gateway.body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, "{\"accepted\":true}");
        });
        stub.createContext("/ok", exchange -> answer(exchange, "{\"ok\":true}"));
        stub.start();
        if (!egressReady) {
            awaitLoopbackAdmitted();
            egressReady = true;
        }
    }

    /**
     * The egress configuration is applied on ConfigAdmin's thread, after the admin key, and restarts the HTTP client:
     * until both are done an allow-list with 127.0.0.1 is refused and a run finds no HTTPClient. A probe account of its
     * own waits for both, so the tests' accounts and rates are untouched.
     */
    private void awaitLoopbackAdmitted() {
        String probeAccount = "toolbelt-probe";
        await("loopback is admitted in allow-lists", Duration.ofSeconds(60), () -> admin.put("/accounts/" + probeAccount + "/settings",
                "{\"allowedDomains\": [\"127.0.0.1\"]}").status() == 200);
        String probe = deployed(probeAccount, "probe", """
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda(input) {
                  return (await Toolbelt.HTTPClient()(input.payload.stub + '/ok', { simple: false, resolveWithFullResponse: true })).statusCode;
                }
                """);
        await("functions reach the loopback stub", Duration.ofSeconds(60), () -> {
            Api.Answer answer = admin.post("/accounts/" + probeAccount + "/functions/" + probe + "/invoke",
                    "{\"payload\": {\"stub\": \"" + stubBase + "\"}}");
            return answer.status() == 200 && answer.body().path("result").asInt() == 200;
        });
    }

    @After
    public void stopStub() {
        if (stub != null) { // null when the run's database is missing and the test was skipped before prepare()
            stub.stop(0);
        }
    }

    @Test
    public void theToolbeltWorksAsLivePersonsDocsWriteIt() {
        Api.Answer settings = admin.put("/accounts/" + ACCOUNT + "/settings", "{\"allowedDomains\": [\"127.0.0.1\"], "
                + "\"lpDiscoveryBaseUrl\": \"" + stubBase + "\", \"httpRequestsPerSecond\": 2}");
        assertEquals(settings.body().toString(), 200, settings.status());
        assertEquals(2, admin.get("/accounts/" + ACCOUNT + "/settings").body().path("httpRequestsPerSecond").asInt());
        assertEquals(201, admin.post("/accounts/" + ACCOUNT + "/secrets", "{\"name\": \"lp-faas-default-app-key\", \"value\": "
                + "{\"consumerKey\": \"ck\", \"consumerSecret\": \"cs\", \"token\": \"tk\", \"tokenSecret\": \"ts\"}}").status());
        assertEquals(201, admin.post("/accounts/" + ACCOUNT + "/secrets", "{\"name\": \"token\", \"value\": {\"access\": \"a-1\"}}").status());
        String callee = deployed(ACCOUNT, "callee", "async function lambda(input) { return { doubled: input.payload.n * 2 }; }");
        String foreign = deployed("other-account", "foreign", "async function lambda() { return 'not yours'; }");

        String code = """
                const { Toolbelt, LpServices, ConversationContentTypes, SecretError, ErrorStrategy } = require('lp-faas-toolbelt');
                async function lambda(input, callback) {
                  const secretClient = Toolbelt.SecretClient();
                  const token = await secretClient.readSecret('token');
                  let refused;
                  try { await secretClient.updateSecret({ key: 'never-created', value: 1 }); } catch (e) { refused = e instanceof SecretError; }
                  const orchestrated = await Toolbelt.OrchestratorClient().invoke([
                      { uuid: input.payload.callee, payload: { n: 21 } }, { uuid: input.payload.foreign, payload: {} }],
                    20000, { errorStrategy: ErrorStrategy.CONTINUE_ON_ERROR });
                  // LpClient counts against the function's rate too: first, while the second's budget is untouched.
                  const conversation = await Toolbelt.ConversationUtil().getConversationById('c-9', [ConversationContentTypes.MESSAGE_RECORDS]);
                  const httpClient = Toolbelt.HTTPClient();
                  const statuses = [];
                  for (let i = 0; i < 20; i++) {
                    statuses.push((await httpClient(input.payload.stub + '/ok', { simple: false, resolveWithFullResponse: true })).statusCode);
                  }
                  const context = Toolbelt.ContextServiceClient({ accountId: process.env.BRAND_ID, apiKey: 'unused' });
                  await context.setPropertiesInNamespace('orders', { step: 'pay' }, 'session-1');
                  callback(null, { token: token.value.access, refused, statuses, conversation: conversation.info.conversationId,
                    orchestrated: orchestrated.map((r) => r.statusCode), doubled: orchestrated[0].body.doubled,
                    step: await context.getPropertyInSession('orders', 'step', 'session-1'), service: LpServices.MSG_HIST });
                }""";
        String orchestrator = deployed(ACCOUNT, "orchestrator", code);
        JsonNode outcome = invoke(orchestrator, "{\"payload\": {\"callee\": \"" + callee + "\", \"foreign\": \"" + foreign
                + "\", \"stub\": \"" + stubBase + "\"}}");

        assertEquals(outcome.toString(), "OK", outcome.path("outcome").asText());
        JsonNode result = outcome.path("result");
        assertEquals("a-1", result.path("token").asText());
        assertTrue(result.path("refused").asBoolean());
        // 2 per second: 20 requests in a row meet the limit unless they took more than 9 seconds.
        String statuses = result.path("statuses").toString();
        assertTrue(statuses, statuses.contains("429") && statuses.replace("200", "").replace("429", "").replace(",", "").equals("[]"));
        assertEquals("c-9", result.path("conversation").asText());
        assertEquals("[200,404]", result.path("orchestrated").toString());
        assertEquals(42, result.path("doubled").asInt());
        assertEquals("pay", result.path("step").asText());
        assertTrue(RECEIVED.get("auth"), RECEIVED.get("auth").startsWith("OAuth ") && RECEIVED.get("auth").contains("oauth_consumer_key=\"ck\""));
        assertEquals("{\"conversationId\":\"c-9\",\"contentToRetrieve\":[\"messageRecords\"]}", RECEIVED.get("body"));
    }

    @Test
    public void theV2ClientsWorkAsLivePersonsDocsWriteThem() {
        Api.Answer settings = admin.put("/accounts/" + V2_ACCOUNT + "/settings", "{\"lpDiscoveryBaseUrl\": \"" + stubBase + "\"}");
        assertEquals(settings.body().toString(), 200, settings.status());
        assertEquals(201, admin.post("/accounts/" + V2_ACCOUNT + "/secrets", "{\"name\": \"lp-faas-default-app-key\", \"value\": "
                + "{\"client_id\": \"app-9\", \"client_secret\": \"cs-9\"}}").status());
        String code = """
                import { Toolbelt } from "core-functions-toolbelt";
                const csdsClient = Toolbelt.CsdsClient();
                const lpMtlsClient = Toolbelt.LPMtlsClient();
                export async function lambda(input) {
                  const gateway = await csdsClient.get('mtlsGateway');
                  const response = await lpMtlsClient.post('https://partner.example/orders', {}, { orderId: input.payload.orderId },
                    { json: true });
                  return { gateway, services: (await csdsClient.getAll()).length, statusCode: response.statusCode, body: response.body };
                }""";
        String function = deployed(V2_ACCOUNT, "mtlsOrder", code);
        JsonNode outcome = invoke(V2_ACCOUNT, function, "{\"payload\": {\"orderId\": 7}}");

        assertEquals(outcome.toString(), "OK", outcome.path("outcome").asText());
        JsonNode result = outcome.path("result");
        assertEquals(stubBase.substring("http://".length()), result.path("gateway").asText());
        assertEquals(2, result.path("services").asInt());
        assertEquals(200, result.path("statusCode").asInt());
        assertTrue(result.toString(), result.path("body").path("accepted").asBoolean());
        assertEquals("client_id=app-9&client_secret=cs-9&grant_type=client_credentials", RECEIVED.get("token.form"));
        assertEquals("Bearer at-9", RECEIVED.get("gateway.auth"));
        assertEquals("https://partner.example/orders", RECEIVED.get("gateway.forward"));
        assertEquals("{\"orderId\":7}", RECEIVED.get("gateway.body"));
    }

    private void configure(String pid, String key, Object value) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        configuration.update(properties);
    }

    private String deployed(String account, String name, String code) {
        Api.Answer created = admin.post("/accounts/" + account + "/functions", "{\"name\":" + Api.quote(name) + ",\"code\":"
                + Api.quote(code) + ",\"timeoutMs\":60000}");
        assertEquals(created.body().toString(), 201, created.status());
        String id = created.text("/id");
        Api.Answer deployed = admin.post("/accounts/" + account + "/functions/" + id + "/deploy", null);
        assertEquals(deployed.body().toString(), 200, deployed.status());
        return id;
    }

    private JsonNode invoke(String id, String body) {
        return invoke(ACCOUNT, id, body);
    }

    private JsonNode invoke(String account, String id, String body) {
        Api.Answer answer = admin.post("/accounts/" + account + "/functions/" + id + "/invoke", body);
        assertEquals(answer.body().toString(), 200, answer.status());
        return answer.body();
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
