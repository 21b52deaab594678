package io.switchboard.executor.graaljs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.switchboard.executor.graaljs.internal.node.CryptoBridge;
import io.switchboard.executor.graaljs.internal.node.ModuleFileSystem;
import io.switchboard.executor.graaljs.internal.node.NodeModules;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * Builds locked-down contexts on the shared engine and prepares them for one function version: prelude,
 * toolbelt facades, then the function's code. Every context gets the same sandbox settings, as an engine
 * requires; the only file system is the read-only module tree of the bundled npm packages.
 */
final class SandboxFactory {
    static final String LANGUAGE = "js";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SandboxFactory.class);

    private final Engine engine;
    private final ResourceLimits resourceLimits;
    private final Source prelude;
    private final Source toolbeltShared;
    private final NodeModules modules = NodeModules.load();
    private final IOAccess moduleTree = IOAccess.newBuilder().fileSystem(new ModuleFileSystem(modules)).build();
    private final CryptoBridge crypto = new CryptoBridge();
    private final List<String> preload;
    private final SpareContexts spares;
    /** Contexts built so far (spares and warm-up included): a steady load should stop adding to it once its pool is warm. */
    private final java.util.concurrent.atomic.AtomicLong created = new java.util.concurrent.atomic.AtomicLong();

    /** A context with the prelude and the toolbelt facades evaluated, not yet bound to a function version. */
    record Prepared(Context context, HostBridge bridge, Value platform, long generation) {
    }

    SandboxFactory(Engine engine, long statementLimit) {
        this(engine, statementLimit, 0, List.of(), () -> new ToolbeltRegistry.Snapshot(0, List.of()));
    }

    /**
     * @param spareContexts contexts kept prepared ahead (0: none)
     * @param preload module ids the spare contexts require ahead (e.g. lodash), so a new version that uses them starts fast
     */
    SandboxFactory(Engine engine, long statementLimit, int spareContexts, List<String> preload,
            java.util.function.Supplier<ToolbeltRegistry.Snapshot> toolbelt) {
        this.engine = engine;
        this.resourceLimits = statementLimit > 0 ? ResourceLimits.newBuilder().statementLimit(statementLimit, null).build() : null;
        this.prelude = Source.newBuilder(LANGUAGE, resource("prelude.js"), "switchboard-prelude.js").cached(true).buildLiteral();
        this.toolbeltShared = Source.newBuilder(LANGUAGE, resource("toolbelt-shared.js"), "switchboard-toolbelt-shared.js").cached(true)
                .buildLiteral();
        this.preload = preload.stream().filter(id -> {
            boolean known = modules.canonical(id) != null;
            if (!known) {
                LOG.warn("Ignoring preloaded module '{}': functions may require only {}", id, modules.ids());
            }
            return known;
        }).toList();
        this.spares = new SpareContexts(spareContexts, toolbelt, (snapshot, created) -> prepare(snapshot, this.preload, created));
    }

    /** Stops preparing spares and closes those ready; the engine may be closed once {@link #awaitClosed} returns. */
    void close() {
        spares.close();
    }

    /** Whether nothing of this factory runs in the engine any more (the spares' producer has ended). */
    boolean closed() {
        return spares.ended();
    }

    /** Returns once {@link #closed} is true. */
    void awaitClosed() throws InterruptedException {
        spares.awaitEnded();
    }

    /** Spare contexts ready now; for tests and benchmarks. */
    int spareContexts() {
        return spares.ready();
    }

    /** Contexts built since the executor started; for tests and benchmarks. */
    long contextsCreated() {
        return created.get();
    }

    /** A cached source of a function's code (a script, or an ES module), so every context of a version shares the parsed code. */
    static Source functionSource(String codeId, String code) {
        return FunctionCode.source(codeId, code);
    }

    /** A cached source of a toolbelt module's facade. */
    static Source facadeSource(String moduleName, String script) {
        return Source.newBuilder(LANGUAGE, script, "toolbelt-" + moduleName + ".js").cached(true).buildLiteral();
    }

    /**
     * Creates a context for {@code code}, attached to {@code invocation} from the first statement on so the
     * watchdog can stop top-level code too.
     *
     * @throws InvalidCodeException when the code does not define a function {@code lambda}
     */
    WarmContext create(String codeId, String functionId, Source code, ToolbeltRegistry.Snapshot toolbelt, Invocation invocation) {
        Prepared prepared = spares.take(toolbelt.generation());
        if (prepared == null) {
            prepared = prepare(toolbelt, List.of(), context -> { });
        }
        Context context = prepared.context();
        Value platform = prepared.platform();
        WarmContext warm = new WarmContext(context, prepared.bridge(), codeId, functionId, toolbelt.generation());
        invocation.attach(context);
        warm.bind(invocation);
        try {
            Value evaluated = context.eval(code);
            Value lambda = platform.getMember("entryPoint").execute(FunctionCode.isModule(code) ? evaluated : null);
            if (!lambda.canExecute()) {
                throw new InvalidCodeException(FunctionCode.isModule(code) ? FunctionCode.NO_MODULE_ENTRY_POINT : FunctionCode.NO_SCRIPT_ENTRY_POINT);
            }
            warm.ready(platform.getMember("invoke"), lambda);
            return warm;
        } catch (RuntimeException e) {
            warm.unbind();
            context.close(true);
            throw e;
        }
    }

    /**
     * A new context with the prelude and facades evaluated (platform code only) and {@code modules} required;
     * {@code created} learns of the context before any code runs in it.
     */
    Prepared prepare(ToolbeltRegistry.Snapshot toolbelt, List<String> modules, java.util.function.Consumer<Context> created) {
        Context context = newContext();
        created.accept(context);
        HostBridge bridge = new HostBridge(this.modules, crypto);
        try {
            Value platform = context.eval(prelude).execute(bridge.proxy(), facades(context, toolbelt.modules()),
                    context.eval(toolbeltShared).execute());
            for (String id : modules) {
                platform.getMember("preload").execute(id);
            }
            return new Prepared(context, bridge, platform, toolbelt.generation());
        } catch (RuntimeException e) {
            context.close(true);
            throw e;
        }
    }

    private static ProxyArray facades(Context context, List<ToolbeltRegistry.Module> modules) {
        Object[] pairs = new Object[modules.size()];
        for (int i = 0; i < pairs.length; i++) {
            ToolbeltRegistry.Module module = modules.get(i);
            pairs[i] = ProxyArray.fromArray(module.name(), context.eval(module.facade()));
        }
        return ProxyArray.fromArray(pairs);
    }

    private Context newContext() {
        created.incrementAndGet();
        Context.Builder builder = Context.newBuilder(LANGUAGE)
                .engine(engine)
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowIO(moduleTree)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowValueSharing(false)
                .allowExperimentalOptions(false)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // Stable options only; the prelude deletes the globals experimental options would remove.
                .option("js.console", "false")
                .option("js.print", "false")
                .option("js.load", "false")
                // Built-in TextEncoder/TextDecoder; an ES module's evaluation returns its namespace (the entry point).
                .option("js.text-encoding", "true")
                .option("js.esm-eval-returns-exports", "true");
        if (resourceLimits != null) {
            builder.resourceLimits(resourceLimits);
        }
        return builder.build();
    }

    private static String resource(String name) {
        try (InputStream in = SandboxFactory.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in the executor bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function's code is not usable: it does not define {@code lambda}. */
    static final class InvalidCodeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidCodeException(String message) {
            super(message);
        }
    }
}
