package io.switchboard.bench.executor;

import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.GraalJsExecutor;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the executor's own toolbelt modules on a benchmark's executor, as DS does in the distribution, so first
 * calls pay for evaluating every facade. Found by class name, so the same benchmark runs against an executor jar that
 * has fewer modules (an older build measured as "before").
 */
final class BenchToolbelt {
    private static final String PACKAGE = "io.switchboard.executor.graaljs.internal.modules.";
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("HTTPClient", "HttpClientModule"), Map.entry("SecretClient", "SecretClientModule"),
            Map.entry("ContextServiceClient", "ContextClientModule"), Map.entry("OrchestratorClient", "OrchestratorClientModule"),
            Map.entry("MTLSClient", "MtlsClientModule"), Map.entry("LpClient", "LpClientModule"),
            Map.entry("ConversationUtil", "ConversationUtilModule"), Map.entry("SDEUtil", "SdeUtilModule"),
            Map.entry("GDPRUtil", "GdprUtilModule"), Map.entry("SFClient", "SfClientModule"),
            Map.entry("CsdsClient", "CsdsClientModule"), Map.entry("LPMtlsClient", "LpMtlsClientModule"));

    private BenchToolbelt() {
    }

    /** The names of the modules registered. */
    static List<String> register(GraalJsExecutor executor) throws ReflectiveOperationException {
        Method bind = GraalJsExecutor.class.getDeclaredMethod("bindToolbeltModule", ToolbeltModule.class, Map.class);
        bind.setAccessible(true);
        List<String> registered = new ArrayList<>();
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
            Class<?> type;
            try {
                type = Class.forName(PACKAGE + module.getValue());
            } catch (ClassNotFoundException absent) {
                continue;
            }
            bind.invoke(executor, create(type), Map.of(ToolbeltModule.NAME_PROPERTY, module.getKey()));
            registered.add(module.getKey());
        }
        return registered;
    }

    private static Object create(Class<?> type) throws ReflectiveOperationException {
        Constructor<?> chosen = null;
        for (Constructor<?> constructor : type.getConstructors()) {
            if (chosen == null || constructor.getParameterCount() < chosen.getParameterCount()) {
                chosen = constructor;
            }
        }
        Object[] arguments = new Object[chosen.getParameterCount()];
        Class<?>[] parameters = chosen.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            Class<?> parameter = parameters[i];
            if (parameter.isAnnotation()) {
                arguments[i] = ExecutorBenchmark.defaults(parameter, Map.of());
            } else if (parameter.getSimpleName().equals("EgressPolicy")) {
                arguments[i] = EgressPolicyImpl.admitting();
            } else {
                arguments[i] = parameter.getConstructor().newInstance();
            }
        }
        return chosen.newInstance(arguments);
    }
}
