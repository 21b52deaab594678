package io.switchboard.executor.graaljs.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotations for tests: each attribute's declared default unless overridden by name. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            if ("annotationType".equals(method.getName())) {
                return type;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        return type.cast(proxy);
    }
}
