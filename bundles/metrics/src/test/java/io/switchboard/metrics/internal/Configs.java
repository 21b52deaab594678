package io.switchboard.metrics.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A configuration annotation with its defaults, some keys overridden (as SCR would build it). */
final class Configs {

    private Configs() {
    }

    static MetricsConfiguration metrics(Object... overrides) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return (MetricsConfiguration) Proxy.newProxyInstance(MetricsConfiguration.class.getClassLoader(),
                new Class<?>[] {MetricsConfiguration.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }
}
