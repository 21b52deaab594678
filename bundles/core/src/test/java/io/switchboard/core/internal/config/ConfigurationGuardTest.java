package io.switchboard.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** Issue 14, item 17: configuration values outside their metatype bounds are refused and the component keeps what it had. */
class ConfigurationGuardTest {

    private static final String PID = "io.switchboard.executor.graaljs";

    /** An attribute as the metatype service describes it: a long between 1 and 600000, default 60000. */
    private static AttributeDefinition bounded(String id, long min, long max, String fallback) {
        return new AttributeDefinition() {
            @Override public String getName() { return id; }
            @Override public String getID() { return id; }
            @Override public String getDescription() { return ""; }
            @Override public int getCardinality() { return 0; }
            @Override public int getType() { return LONG; }
            @Override public String[] getOptionValues() { return null; }
            @Override public String[] getOptionLabels() { return null; }
            @Override public String[] getDefaultValue() { return new String[] {fallback}; }

            @Override
            public String validate(String value) {
                long parsed = Long.parseLong(value);
                return parsed < min ? "%less than minimum" : parsed > max ? "%greater than maximum" : "";
            }
        };
    }

    private static ObjectClassDefinition definition(AttributeDefinition... attributes) {
        return new ObjectClassDefinition() {
            @Override public String getName() { return PID; }
            @Override public String getID() { return PID; }
            @Override public String getDescription() { return ""; }
            @Override public AttributeDefinition[] getAttributeDefinitions(int filter) { return attributes; }
            @Override public java.io.InputStream getIcon(int size) { return null; }
        };
    }

    private final ConfigurationGuard guard = new ConfigurationGuard(null, null);
    private final ObjectClassDefinition executor = definition(bounded("maxTimeoutMillis", 1, 600_000, "60000"),
            bounded("maxLogLines", 0, 10_000, "100"));

    private Dictionary<String, Object> deliver(Map<String, Object> values) {
        Dictionary<String, Object> properties = new Hashtable<>(values);
        guard.guard(PID, executor, properties);
        return properties;
    }

    @Test
    void aNegativeTimeoutIsTakenOutSoTheComponentKeepsItsDefaultAndTheRefusalIsListed() {
        Dictionary<String, Object> delivered = deliver(Map.of("maxTimeoutMillis", "-5", "maxLogLines", "50"));

        assertThat(delivered.get("maxTimeoutMillis")).isNull();
        assertThat(delivered.get("maxLogLines")).isEqualTo("50");
        assertThat(guard.get()).containsExactly("configuration " + PID + ": maxTimeoutMillis=-5 refused, '-5' is out of bounds "
                + "(less than minimum); the component keeps its default 60000");
    }

    @Test
    void aRefusedValueLeavesThePreviousValidOneInForceUntilAValidOneArrives() {
        deliver(Map.of("maxTimeoutMillis", "30000"));

        Dictionary<String, Object> delivered = deliver(Map.of("maxTimeoutMillis", "9999999999"));

        assertThat(delivered.get("maxTimeoutMillis")).isEqualTo("30000");
        assertThat(guard.get()).singleElement().asString().contains("greater than maximum", "keeps its previous value 30000");
        deliver(Map.of("maxTimeoutMillis", 45_000L));
        assertThat(guard.get()).isEmpty();
    }

    @Test
    void deletingTheConfigurationClearsItsRefusals() {
        deliver(Map.of("maxTimeoutMillis", "-5"));

        @SuppressWarnings("unchecked")
        org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin> admin =
                (org.osgi.framework.ServiceReference<org.osgi.service.cm.ConfigurationAdmin>) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(), new Class<?>[] {org.osgi.framework.ServiceReference.class}, (proxy, method, args) -> null);
        guard.configurationEvent(new org.osgi.service.cm.ConfigurationEvent(admin, org.osgi.service.cm.ConfigurationEvent.CM_DELETED, null, PID));

        assertThat(guard.get()).isEmpty();
    }

    @Test
    void aValueThatIsNotANumberIsRefusedToo() {
        Dictionary<String, Object> delivered = deliver(Map.of("maxLogLines", "many"));

        assertThat(delivered.get("maxLogLines")).isNull();
        assertThat(guard.get()).singleElement().asString().contains("maxLogLines=many refused, 'many' is not a whole number");
    }
}
