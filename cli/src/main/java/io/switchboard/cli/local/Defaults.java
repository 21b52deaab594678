package io.switchboard.cli.local;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A DS configuration annotation with the defaults it declares (what Configuration Admin gives a component nobody
 * configured), some values overridden: how the CLI configures the executor's components without OSGi.
 */
public final class Defaults {
    private Defaults() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + overrides;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> overrides.containsKey(method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue();
            };
        }));
    }
}
