package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Dead letters end to end in a real Felix: a GraalJS function that fails every attempt of an asynchronous event is
 * listed under its account only, and after the fixed function is deployed a retry over HTTP runs the new version.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeadLettersIT extends SwitchboardTestSupport {

    private static final String ADMIN_KEY = "itest-admin-key-0123456789";
    private static final String ACME_KEY = "itest-acme-key-0123456789";
    private static final String GLOBEX_KEY = "itest-globex-key-0123456789";
    private static final String EVENT = "itest_async_dead_letters";
    private static final String BROKEN = "async function lambda(input) { throw new Error('not fixed yet'); }";
    private static final String FIXED = "async function lambda(input) { return {fixed: true}; }";
    private static final int MAX_ATTEMPTS = 2;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private void configure() throws IOException {
        Configuration keys = configurationAdmin.getConfiguration("io.switchboard.core.security", "?");
        Dictionary<String, Object> keyProperties = new Hashtable<>();
        keyProperties.put("adminKey", ADMIN_KEY);
        keyProperties.put("accountKeys", new String[] {"acme=" + ACME_KEY, "globex=" + GLOBEX_KEY});
        keys.update(keyProperties);
        Configuration dispatch = configurationAdmin.getConfiguration("io.switchboard.core.dispatch", "?");
        Dictionary<String, Object> dispatchProperties = new Hashtable<>();
        dispatchProperties.put("asyncBackoffMs", 10L);
        dispatchProperties.put("asyncMaxBackoffMs", 50L);
        dispatch.update(dispatchProperties);
        EventTypeDefinition definition = new EventTypeDefinition(EVENT, "Itest async", "", "Itest", 1, false, InvocationMode.ASYNC,
                EventSelection.ALL, MAX_ATTEMPTS - 1, ResultDelivery.SINGLE, "{\"type\":\"object\"}", "{\"text\":\"hello\"}", "{}",
                "/events/itest/dead-letters");
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventTypeId.NAME, EVENT);
        EventTypeProvider provider = () -> definition;
        context.registerService(EventTypeProvider.class, provider, properties);
    }

    private boolean dispatchConfigured() {
        ServiceReference<DeadLetters> reference = context.getServiceReference(DeadLetters.class);
        return reference != null && Long.valueOf(10L).equals(reference.getProperty("asyncBackoffMs"));
    }

    /** The API client has no PUT; the function's code is replaced with this one request. */
    private int replaceCode(String functionId, String code) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    url("/api/v1/accounts/acme/functions/" + functionId)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + ACME_KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"flaky\",\"code\":" + Api.quote(code)
                            + ",\"eventType\":\"" + EVENT + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void aDeadLetteredTaskIsListedForItsAccountOnlyAndARetryRunsTheRedeployedVersion() throws Exception {
        configure();
        Api acme = new Api(url("/api/v1").toString(), ACME_KEY);
        Api globex = new Api(url("/api/v1").toString(), GLOBEX_KEY);
        await("the API knows the keys and the event type, and dispatch runs with " + MAX_ATTEMPTS + " attempts",
                Duration.ofSeconds(30), () -> dispatchConfigured() && acme.get("/event-types/" + EVENT).status() == 200);
        Api.Answer created = acme.post("/accounts/acme/functions", "{\"name\":\"flaky\",\"code\":" + Api.quote(BROKEN)
                + ",\"eventType\":\"" + EVENT + "\"}");
        assertEquals(created.body().toString(), 201, created.status());
        String functionId = created.text("/id");
        assertEquals(200, acme.post("/accounts/acme/functions/" + functionId + "/deploy", null).status());

        assertEquals(202, acme.post("/accounts/acme/events/" + EVENT, "{\"payload\":{\"text\":\"hello\"}}").status());
        await("the task is dead-lettered", Duration.ofSeconds(60),
                () -> acme.get("/accounts/acme/dead-letters").body().at("/total").asInt() == 1);

        Api.Answer listed = acme.get("/accounts/acme/dead-letters");
        String taskId = listed.text("/items/0/taskId");
        assertEquals(MAX_ATTEMPTS, listed.body().at("/items/0/attempts").asInt());
        assertEquals(1, listed.body().at("/items/0/version").asInt());
        assertTrue(listed.body().toString(), listed.text("/items/0/lastError").contains("not fixed yet"));
        assertEquals(404, globex.get("/accounts/acme/dead-letters").status());
        assertEquals(404, globex.post("/accounts/globex/dead-letters/" + taskId + "/retry", null).status());
        assertEquals(0, globex.get("/accounts/globex/dead-letters").body().at("/total").asInt());
        assertEquals(401, new Api(url("/api/v1").toString(), "wrong-key").get("/accounts/acme/dead-letters").status());

        assertEquals(200, replaceCode(functionId, FIXED));
        assertEquals(2, acme.post("/accounts/acme/functions/" + functionId + "/deploy", null).body().at("/deployedVersion").asInt());
        Api.Answer retried = acme.post("/accounts/acme/dead-letters/" + taskId + "/retry", null);
        Api.Answer again = acme.post("/accounts/acme/dead-letters/" + taskId + "/retry", null);

        assertEquals(retried.body().toString(), 202, retried.status());
        assertEquals(2, retried.body().at("/version").asInt());
        assertEquals(0, retried.body().at("/attempts").asInt());
        assertEquals(again.body().toString(), 409, again.status());
        await("the retried task ran version 2", Duration.ofSeconds(60), () -> {
            Api.Answer records = acme.get("/accounts/acme/functions/" + functionId + "/invocations");
            for (var record : records.body().at("/items")) {
                if (record.at("/outcome").asText().equals("OK") && record.at("/version").asInt() == 2) {
                    return true;
                }
            }
            return false;
        });
        assertEquals(0, acme.get("/accounts/acme/dead-letters").body().at("/total").asInt());
        assertEquals(MAX_ATTEMPTS + 1, acme.get("/accounts/acme/functions/" + functionId + "/invocations").body().at("/total").asInt());
    }
}
