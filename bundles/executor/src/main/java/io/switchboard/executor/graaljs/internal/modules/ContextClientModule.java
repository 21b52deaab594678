package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.store.ContextStore;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.ToolbeltCall;
import io.switchboard.executor.toolbelt.ToolbeltModule;
import io.switchboard.executor.toolbelt.ToolbeltModuleName;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code Toolbelt.ContextServiceClient()}: LivePerson's Context Session Store methods (namespaces, TTL, sessions) on the
 * core's {@link ContextStore} of the function's own account; see {@link ContextSessions} for the layout.
 */
@Component(service = ToolbeltModule.class)
@ToolbeltModuleName("ContextServiceClient")
public final class ContextClientModule implements ToolbeltModule {
    private final String facade = ModuleScripts.load("context-client.js");
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ContextStore store;

    public ContextClientModule() {
        this(Clock.systemUTC());
    }

    ContextClientModule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String facadeScript() {
        return facade;
    }

    @Override
    public CompletionStage<String> call(ToolbeltCall call) {
        ContextStore context = store;
        if (context == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("The context store is not available right now; try again later"));
        }
        ContextSessions sessions = new ContextSessions(context, call.scope().account(), clock);
        List<?> args = arguments(call.argumentsJson());
        String answer = switch (call.operation()) {
            case "createNamespace" -> {
                sessions.createNamespace(text(args, 0), args.get(1) instanceof Number ttl ? ttl.doubleValue() : null);
                yield null;
            }
            case "deleteNamespace" -> {
                sessions.deleteNamespace(text(args, 0));
                yield null;
            }
            case "listNamespaces" -> sessions.listNamespaces();
            case "setProperties" -> {
                sessions.setProperties(text(args, 0), optional(args, 1), args.get(2) instanceof List<?> pairs ? pairs : List.of());
                yield null;
            }
            case "getProperties" -> sessions.getProperties(text(args, 0), optional(args, 1), args.get(2) instanceof List<?> names ? names : null);
            case "deleteProperty" -> Boolean.toString(sessions.deleteProperty(text(args, 0), optional(args, 1), text(args, 2)));
            case "deleteSession" -> {
                sessions.deleteSession(text(args, 0), optional(args, 1));
                yield null;
            }
            case "listSessions" -> sessions.listSessions(text(args, 0));
            default -> throw new IllegalArgumentException("ContextServiceClient has no operation " + call.operation());
        };
        return CompletableFuture.completedFuture(answer);
    }

    private static List<?> arguments(String json) {
        Object parsed = JsonText.parse(json);
        if (!(parsed instanceof List<?> list)) {
            throw new IllegalArgumentException("arguments must be an array");
        }
        return list;
    }

    private static String text(List<?> args, int index) {
        if (args.size() <= index || !(args.get(index) instanceof String text)) {
            throw new IllegalArgumentException("argument " + (index + 1) + " must be a string");
        }
        return text;
    }

    private static String optional(List<?> args, int index) {
        return args.size() <= index || args.get(index) == null ? null : text(args, index);
    }
}
