package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.EventTypeId;
import io.switchboard.core.api.event.EventTypeProvider;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The core and its HTTP API in a real Felix: limits (plain, per skill, under concurrent deploys), dispatch,
 * direct invocation on the GraalJS executor, tenant isolation, and state that survives a restart of the core.
 * Event types come from whiteboard services this test registers, as an event-source bundle would.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FunctionsApiIT extends SwitchboardTestSupport {

    private static final String ADMIN_KEY = "itest-admin-key-0123456789";
    private static final String ACME_KEY = "itest-acme-key-0123456789";
    private static final String GLOBEX_KEY = "itest-globex-key-0123456789";
    private static final String COMMAND = "itest_command";
    private static final String SKILLED = "itest_skilled";
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"text\"],"
            + "\"properties\":{\"text\":{\"type\":\"string\"},\"skillId\":{\"type\":\"string\"}}}";
    private static final String ECHO = "async function lambda(input) { console.info('got ' + input.payload.text);"
            + " return {reply: input.payload.text.toUpperCase()}; }";

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
            properties.put("accountKeys", new String[] {"acme=" + ACME_KEY, "globex=" + GLOBEX_KEY});
            keys.update(properties);
            register(new EventTypeDefinition(COMMAND, "Itest command", "", "Itest", 2, false, InvocationMode.SYNC, EventSelection.ALL, 0,
                    ResultDelivery.SINGLE, SCHEMA, "{\"text\":\"hello\"}", "{}", "/events/itest/command"));
            register(new EventTypeDefinition(SKILLED, "Itest skilled", "", "Itest", 1, true, InvocationMode.ASYNC, EventSelection.SKILL, 2,
                    ResultDelivery.SINGLE, SCHEMA, "{\"text\":\"hello\"}", "{}", "/events/itest/skilled"));
            prepared = true;
        }
        await("the API knows the admin key and both event types", Duration.ofSeconds(20),
                () -> admin.get("/event-types/" + COMMAND).status() == 200 && admin.get("/event-types/" + SKILLED).status() == 200);
    }

    private void register(EventTypeDefinition definition) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventTypeId.NAME, definition.id());
        EventTypeProvider provider = () -> definition;
        context.registerService(EventTypeProvider.class, provider, properties);
    }

    private static String account() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String create(String account, String name, String eventType, String skillsJson) {
        Api.Answer created = admin.post("/accounts/" + account + "/functions", "{\"name\":" + Api.quote(name)
                + ",\"code\":" + Api.quote(ECHO) + (eventType == null ? "" : ",\"eventType\":" + Api.quote(eventType))
                + (skillsJson == null ? "" : ",\"skills\":" + skillsJson) + "}");
        assertEquals(created.body().toString(), 201, created.status());
        return created.text("/id");
    }

    private Api.Answer deploy(String account, String id) {
        return admin.post("/accounts/" + account + "/functions/" + id + "/deploy", null);
    }

    @Test
    public void deployingBeyondAnEventsLimitIsRefusedWith409NamingTheHolders() {
        String account = account();
        String first = create(account, "first", COMMAND, null);
        String second = create(account, "second", COMMAND, null);
        String third = create(account, "third", COMMAND, null);
        assertEquals("PRODUCTIVE", deploy(account, first).text("/state"));
        assertEquals("PRODUCTIVE", deploy(account, second).text("/state"));

        Api.Answer refused = deploy(account, third);

        assertEquals(409, refused.status());
        assertEquals("urn:switchboard:problem:function-limit-exceeded", refused.text("/type"));
        assertEquals(COMMAND, refused.text("/eventType"));
        assertEquals(2, refused.body().at("/limit").asInt());
        assertTrue(refused.body().toString(), refused.body().at("/holders").toString().contains("first"));
        assertTrue(refused.body().toString(), refused.body().at("/holders").toString().contains("second"));

        assertEquals(200, admin.post("/accounts/" + account + "/functions/" + first + "/undeploy", null).status());
        assertEquals("PRODUCTIVE", deploy(account, third).text("/state"));
    }

    @Test
    public void theLimitOfASkillEventCountsPerSkillAndAFunctionWithoutSkillsCountsForEverySkill() {
        String account = account();
        assertEquals(200, deploy(account, create(account, "s1-a", SKILLED, "[\"s1\"]")).status());

        Api.Answer sameSkill = deploy(account, create(account, "s1-b", SKILLED, "[\"s1\"]"));
        Api.Answer otherSkill = deploy(account, create(account, "s2-a", SKILLED, "[\"s2\"]"));
        Api.Answer everySkill = deploy(account, create(account, "all-skills", SKILLED, null));

        assertEquals(409, sameSkill.status());
        assertEquals("s1", sameSkill.text("/skill"));
        assertEquals(200, otherSkill.status());
        assertEquals(409, everySkill.status());
    }

    @Test
    public void concurrentDeploysNeverExceedTheLimit() throws Exception {
        String account = account();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(create(account, "racer-" + i, COMMAND, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> deploys = ids.stream().<Callable<Integer>>map(id -> () -> deploy(account, id).status()).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(deploys)) {
                statuses.add(status.get());
            }
            assertEquals(statuses.toString(), 2, statuses.stream().filter(s -> s == 200).count());
            assertEquals(statuses.toString(), 6, statuses.stream().filter(s -> s == 409).count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aSynchronousEventRunsEveryProductiveFunctionAndADirectInvocationIsRecorded() {
        String account = account();
        String upper = create(account, "upper", COMMAND, null);
        String other = create(account, "upper-too", COMMAND, null);
        deploy(account, upper);
        deploy(account, other);

        Api.Answer event = admin.post("/accounts/" + account + "/events/" + COMMAND, "{\"payload\":{\"text\":\"abc\"}}");
        Api.Answer invalid = admin.post("/accounts/" + account + "/events/" + COMMAND, "{\"payload\":{\"txt\":1}}");
        Api.Answer invoked = admin.post("/accounts/" + account + "/functions/" + upper + "/invoke",
                "{\"headers\":[{\"key\":\"X-Id\",\"value\":\"1\"}],\"payload\":{\"text\":\"direct\"}}");

        assertEquals(event.body().toString(), 200, event.status());
        assertEquals(2, event.body().at("/outcomes").size());
        event.body().at("/outcomes").forEach(outcome -> {
            assertEquals(outcome.toString(), "OK", outcome.at("/outcome").asText());
            assertEquals("ABC", outcome.at("/result/reply").asText());
        });
        assertEquals(400, invalid.status());
        assertEquals(invoked.body().toString(), "OK", invoked.text("/outcome"));
        assertEquals("DIRECT", invoked.text("/result/reply"));
        assertEquals("got direct", invoked.text("/logs/0/message"));
        Api.Answer records = admin.get("/accounts/" + account + "/functions/" + upper + "/invocations");
        assertEquals(2, records.body().at("/total").asInt());
    }

    @Test
    public void anAccountNeverSeesAnotherAccountsFunctions() {
        String id = create("acme", "acme-only-" + UUID.randomUUID().toString().substring(0, 6), null, null);
        Api acme = new Api(url("/api/v1").toString(), ACME_KEY);
        Api globex = new Api(url("/api/v1").toString(), GLOBEX_KEY);

        assertEquals(200, acme.get("/accounts/acme/functions/" + id).status());
        assertEquals(404, globex.get("/accounts/acme/functions/" + id).status());
        assertEquals(404, globex.get("/accounts/globex/functions/" + id).status());
        assertEquals(401, new Api(url("/api/v1").toString(), "wrong-key").get("/accounts/acme/functions").status());
    }

    @Test
    public void functionsVersionsAndRecordsSurviveARestartOfTheCore() throws Exception {
        String account = account();
        String id = create(account, "durable", COMMAND, null);
        deploy(account, id);
        admin.post("/accounts/" + account + "/functions/" + id + "/invoke", "{\"payload\":{\"text\":\"before\"}}");
        Bundle core = Arrays.stream(context.getBundles())
                .filter(b -> "switchboard.core".equals(b.getSymbolicName())).findFirst().orElseThrow();

        core.stop();
        core.start();
        // A restart of the core re-opens its database and re-binds every service the API uses: waited for what is read next.
        await("the API answers again", Duration.ofSeconds(60), () -> admin.get("/event-types/" + COMMAND).status() == 200
                && admin.get("/accounts/" + account + "/functions/" + id).status() == 200);

        Api.Answer function = admin.get("/accounts/" + account + "/functions/" + id);
        assertEquals("PRODUCTIVE", function.text("/state"));
        assertEquals(1, function.body().at("/deployedVersion").asInt());
        Api.Answer invoked = admin.post("/accounts/" + account + "/functions/" + id + "/invoke", "{\"payload\":{\"text\":\"after\"}}");
        assertEquals("AFTER", invoked.text("/result/reply"));
        assertEquals(2, admin.get("/accounts/" + account + "/functions/" + id + "/invocations").body().at("/total").asInt());
    }
}
