package io.switchboard.core.internal.testing;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Instances of typed configuration annotations: the annotation's defaults, with some keys replaced. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** @param overrides method name, value, method name, value, ... */
    public static <A> A config(Class<A> type, Object... overrides) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            String key = (String) overrides[i];
            if (java.util.Arrays.stream(type.getMethods()).noneMatch(m -> m.getName().equals(key))) {
                throw new IllegalArgumentException(type.getName() + " has no key " + key);
            }
            values.put(key, overrides[i + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new UnsupportedOperationException(method.getName());
        }));
    }
}
