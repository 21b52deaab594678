package io.switchboard.source.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Instances of configuration annotations for tests: the given values, the annotation's defaults for the rest. */
public final class Annotations {

    private Annotations() {
    }

    /** An instance of the annotation type with {@code name, value} pairs overriding its defaults. */
    public static <A> A of(Class<A> type, Object... overrides) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(values, args);
            }
            return values.containsKey(method.getName()) ? values.get(method.getName()) : defaultOf(method);
        }));
    }

    private static Object defaultOf(Method method) {
        Object value = method.getDefaultValue();
        if (value == null) {
            throw new IllegalArgumentException(method.getName() + " has no default: give it a value");
        }
        return value;
    }
}
