package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.CodeChecker;
import io.switchboard.core.api.execution.CodeProblem;
import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.graaljs.internal.node.NodeModules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The save check of function code (issue 12 item 8): GraalJS parses it as the executor will run it (script or ES
 * module, {@link FunctionCode}), then acorn's syntax tree of it must show an entry point and only known imports
 * ({@code entry-point.js}). No function code runs. One context on an engine of its own, created on first use;
 * checks run one at a time (saves are rare, a check takes milliseconds).
 */
@Component(service = CodeChecker.class)
public final class GraalJsCodeChecker implements CodeChecker {
    private final ReentrantLock lock = new ReentrantLock();
    private final NodeModules modules = NodeModules.load();
    private Engine engine;
    private Context context;
    private Value entryPointCheck;

    @Override
    public List<CodeProblem> check(String code) {
        boolean module = FunctionCode.isModule(code);
        lock.lock();
        try {
            Context checker = context();
            try {
                checker.parse(FunctionCode.source("function", code, false));
            } catch (PolyglotException e) {
                if (e.isSyntaxError()) {
                    return List.of(problem(e));
                }
                throw e;
            }
            Value answer = entryPointCheck.execute(code, module, String.join(",", modules.ids()));
            return answer.isNull() ? List.of() : List.of(problem(answer.asString()));
        } finally {
            lock.unlock();
        }
    }

    @Deactivate
    void deactivate() {
        lock.lock();
        try {
            if (engine != null) {
                context.close(true);
                engine.close(true);
                engine = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Context context() {
        if (context == null) {
            // Only JDK objects go to the engine builder (see GraalJsExecutor.newEngine: a closed engine stays reachable).
            engine = Engine.newBuilder(SandboxFactory.LANGUAGE)
                    .option("engine.WarnInterpreterOnly", "false")
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .logHandler(OutputStream.nullOutputStream())
                    .build();
            context = Context.newBuilder(SandboxFactory.LANGUAGE).engine(engine)
                    .allowHostAccess(HostAccess.NONE)
                    .allowHostClassLookup(className -> false)
                    .allowIO(IOAccess.NONE)
                    .allowCreateThread(false)
                    .allowCreateProcess(false)
                    .allowNativeAccess(false)
                    .allowEnvironmentAccess(EnvironmentAccess.NONE)
                    .allowPolyglotAccess(PolyglotAccess.NONE)
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .build();
            Value acornModule = context.eval(SandboxFactory.LANGUAGE, "({ exports: {} })");
            context.eval(modules.wrapper("switchboard:acorn")).execute(acornModule.getMember("exports"), null, acornModule, "acorn.js", "/");
            entryPointCheck = context.eval(Source.newBuilder(SandboxFactory.LANGUAGE, resource("entry-point.js"), "entry-point.js")
                    .buildLiteral()).execute(acornModule.getMember("exports"));
        }
        return context;
    }

    private static CodeProblem problem(PolyglotException e) {
        SourceSection where = e.getSourceLocation();
        return new CodeProblem(e.getMessage(), where == null ? 0 : where.getStartLine(), where == null ? 0 : where.getStartColumn());
    }

    @SuppressWarnings("unchecked")
    private static CodeProblem problem(String json) {
        Map<String, Object> value = (Map<String, Object>) JsonText.parse(json);
        return new CodeProblem((String) value.get("message"), ((Number) value.get("line")).intValue(), ((Number) value.get("column")).intValue());
    }

    private static String resource(String name) {
        try (InputStream in = GraalJsCodeChecker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " in the executor bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
