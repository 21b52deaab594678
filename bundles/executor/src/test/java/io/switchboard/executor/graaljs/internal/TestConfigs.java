package io.switchboard.executor.graaljs.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Configuration annotations for tests: each attribute's declared default unless overridden by name. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /**
     * Executors in tests prepare no spare contexts unless a test asks for them: the spares' background preloading of
     * lodash and luxon would compete for the CPU with the timing bounds other tests check.
     */
    private static final Map<String, Object> TEST_DEFAULTS = Map.of("spareContexts", 0);

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (type == GraalJsExecutor.Config.class && TEST_DEFAULTS.containsKey(method.getName())) {
                return TEST_DEFAULTS.get(method.getName());
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
