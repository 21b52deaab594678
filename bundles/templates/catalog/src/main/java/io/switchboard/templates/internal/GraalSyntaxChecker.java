package io.switchboard.templates.internal;

import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;

/**
 * Parses template code with GraalJS (the executor's engine implementation) without running it: one engine and
 * one sandboxed context for the catalogue's lifetime, used by one parse at a time.
 */
final class GraalSyntaxChecker implements SyntaxChecker {
    private static final String JS = "js";
    private final Engine engine;
    private final Context context;
    private final ReentrantLock lock = new ReentrantLock();

    GraalSyntaxChecker() {
        engine = Engine.newBuilder(JS)
                .option("engine.WarnInterpreterOnly", "false")
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
        context = Context.newBuilder(JS).engine(engine).allowAllAccess(false).build();
    }

    @Override
    public void check(String name, String code) throws TemplateRejectedException {
        Source source = Source.newBuilder(JS, code, name).cached(false).buildLiteral();
        lock.lock();
        try {
            context.parse(source);
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                // e.g. "Resource exhausted: Stack overflow" for 30,000 nested parentheses: this file only is refused.
                String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                throw new TemplateRejectedException("the code cannot be parsed: " + message
                        + (e.isResourceExhausted() ? " (it nests too deeply or is too complex)" : ""));
            }
            SourceSection at = e.getSourceLocation();
            String where = at == null ? "" : " at line " + at.getStartLine();
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new TemplateRejectedException("JavaScript syntax error" + where + ": " + message);
        } catch (StackOverflowError e) {
            throw new TemplateRejectedException("the code cannot be parsed: it nests too deeply or is too complex");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            context.close(true);
            engine.close(true);
        } finally {
            lock.unlock();
        }
    }
}
