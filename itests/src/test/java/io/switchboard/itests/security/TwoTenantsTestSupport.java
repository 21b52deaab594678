package io.switchboard.itests.security;

import io.switchboard.itests.Api;
import io.switchboard.itests.sources.EventSourceTestSupport;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.Before;
import org.osgi.service.cm.Configuration;

/** Two hostile tenants, alice and bob, each with an API key of its own, on one platform. */
public abstract class TwoTenantsTestSupport extends EventSourceTestSupport {

    protected static final String ALICE = "alice";
    protected static final String BOB = "bob";
    protected static final String ALICE_KEY = "itest-alice-key-0123456789";
    protected static final String BOB_KEY = "itest-bob-key-0123456789";
    protected static final String CONVERSATION_BUILDER = "/events/conversation-builder/invoke";

    private static volatile boolean tenantsConfigured;

    protected Api alice;
    protected Api bob;

    /** Replaces the keys of the event-source tests with the two tenants' (and the admin key). */
    @Override
    @Before
    public void configureKeys() throws Exception {
        admin = new Api(url("/api/v1").toString(), ADMIN_KEY);
        alice = new Api(url("/api/v1").toString(), ALICE_KEY);
        bob = new Api(url("/api/v1").toString(), BOB_KEY);
        if (!tenantsConfigured) {
            Configuration keys = configurationAdmin.getConfiguration("io.switchboard.core.security", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("adminKey", ADMIN_KEY);
            properties.put("accountKeys", new String[] {ALICE + "=" + ALICE_KEY, BOB + "=" + BOB_KEY});
            keys.update(properties);
            tenantsConfigured = true;
        }
        await("the API knows both tenants' keys", Duration.ofSeconds(20),
                () -> alice.get("/event-types").status() == 200 && bob.get("/event-types").status() == 200);
    }

    protected int port() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    /** A Conversation Builder call of the function by name, with the body's {@code headers} member as given. */
    protected static String conversationBuilderCall(String function, String headersJson) {
        return "{\"functionId\":" + Api.quote(function) + ",\"payload\":{}" + (headersJson == null ? "" : ",\"headers\":" + headersJson) + "}";
    }
}
