package io.switchboard.itests.sources;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.itests.Api;
import io.switchboard.itests.SwitchboardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;
import javax.inject.Inject;
import org.junit.Before;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** API keys, functions bound to events, and webhook calls, for the tests of the event-source bundles. */
public abstract class EventSourceTestSupport extends SwitchboardTestSupport {

    protected static final String ADMIN_KEY = "itest-admin-key-0123456789";
    protected static final String ACME_KEY = "itest-acme-key-0123456789";

    /** The admin key these tests configure (the generated one in data/admin.key is replaced by it). */
    @Override
    protected String adminKey() {
        return ADMIN_KEY;
    }
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static volatile boolean keysConfigured;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    protected Api admin;

    @Before
    public void configureKeys() throws Exception {
        admin = new Api(url("/api/v1").toString(), ADMIN_KEY);
        if (!keysConfigured) {
            Configuration keys = configurationAdmin.getConfiguration("io.switchboard.core.security", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("adminKey", ADMIN_KEY);
            properties.put("accountKeys", new String[] {"acme=" + ACME_KEY});
            keys.update(properties);
            keysConfigured = true;
        }
        await("the API knows the admin key", Duration.ofSeconds(20), () -> admin.get("/event-types").status() == 200);
    }

    /** A fresh account name, so tests never see each other's functions. */
    protected static String newAccount() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits for the event type of an event-source bundle and returns its catalogue entry. */
    protected JsonNode eventType(String id) {
        await("event type " + id + " in the catalogue", Duration.ofSeconds(20), () -> admin.get("/event-types/" + id).status() == 200);
        return admin.get("/event-types/" + id).body();
    }

    /** Creates and deploys a function bound to the event; returns its id. */
    protected String deployFunction(String account, String name, String eventType, String code, String extraJson) {
        Api.Answer created = admin.post("/accounts/" + account + "/functions", "{\"name\":" + Api.quote(name) + ",\"code\":"
                + Api.quote(code) + (eventType == null ? "" : ",\"eventType\":" + Api.quote(eventType))
                + (extraJson == null ? "" : "," + extraJson) + "}");
        assertEquals(created.body().toString(), 201, created.status());
        String id = created.text("/id");
        Api.Answer deployed = admin.post("/accounts/" + account + "/functions/" + id + "/deploy", null);
        assertEquals(deployed.body().toString(), 200, deployed.status());
        return id;
    }

    /** Posts a body to a webhook path with the given extra headers (name, value pairs). */
    protected Api.Answer webhook(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Api.Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status a GET of a path of the platform answers (405 from a webhook whose route runs, 404 from none). */
    protected int statusOfGet(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts with the admin key acting for the account. */
    protected Api.Answer webhookAsAdmin(String path, String body, String account) {
        return webhook(path, body, "Authorization", "Bearer " + ADMIN_KEY, "X-Switchboard-Account", account);
    }

    /** The sample payload of an event type as JSON text. */
    protected static String sample(JsonNode eventType) {
        return eventType.get("samplePayload").toString();
    }
}
