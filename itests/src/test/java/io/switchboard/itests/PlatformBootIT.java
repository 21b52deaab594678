package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;

@RunWith(PaxExam.class)
public class PlatformBootIT extends SwitchboardTestSupport {

    private static final List<String> PROJECT_BUNDLES = List.of("switchboard.api.http", "switchboard.core",
            "switchboard.executor.graaljs", "switchboard.health", "switchboard.logbridge", "switchboard.metrics", "switchboard.api.docs");

    @Test
    public void everyProjectBundleResolvesAndIsActive() {
        Map<String, Integer> states = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().startsWith("switchboard."))
                .collect(Collectors.toMap(Bundle::getSymbolicName, Bundle::getState));

        for (String name : PROJECT_BUNDLES) {
            assertEquals(name + " is not ACTIVE (states: " + states + ")", Integer.valueOf(Bundle.ACTIVE), states.get(name));
        }
    }

    @Test
    public void healthAnswers200NamingEveryProjectBundle() {
        await("GET /health answers 200", Duration.ofSeconds(60), () -> get("/health").statusCode() == 200);

        HttpResponse<String> health = getAsAdmin("/health");
        assertTrue(health.body(), health.body().startsWith("{\"status\":\"UP\""));
        PROJECT_BUNDLES.forEach(name -> assertTrue(name + " missing in " + health.body(), health.body().contains("\"" + name + "\"")));
    }

    @Test
    public void healthAnswers503NamingAStoppedBundleUntilItRunsAgain() throws Exception {
        await("GET /health answers 200", Duration.ofSeconds(60), () -> get("/health").statusCode() == 200);
        Bundle logBridge = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("switchboard.logbridge")).findFirst().orElseThrow();

        logBridge.stop();
        try {
            HttpResponse<String> down = getAsAdmin("/health");
            assertEquals(503, down.statusCode());
            assertTrue(down.body(), down.body().contains("bundle switchboard.logbridge is RESOLVED"));
        } finally {
            logBridge.start();
        }
        await("GET /health answers 200 again", Duration.ofSeconds(60), () -> get("/health").statusCode() == 200);
    }
}
