package io.switchboard.executor.graaljs.internal;

import java.util.regex.Pattern;
import org.graalvm.polyglot.Source;

/**
 * How a function's code is read, the same at run time and in the save check: code with a static {@code import} or
 * {@code export} statement at the start of a line is an ES module, anything else a classic script.
 */
final class FunctionCode {
    static final String MODULE_MIME_TYPE = "application/javascript+module";
    /** The export appended to module code, so a top-level {@code lambda} that is not exported is found too. */
    static final String LAMBDA_EXPORT = "__switchboard_lambda";
    static final String NO_SCRIPT_ENTRY_POINT = "the code has no entry point: define a function lambda, or assign a function to "
            + "module.exports or exports.lambda";
    static final String NO_MODULE_ENTRY_POINT = "the module has no entry point: export a function lambda (export async function "
            + "lambda), export a function as default, or declare a top-level function lambda";

    private static final Pattern MODULE_SYNTAX = Pattern.compile(
            "^[ \\t]*(import[ \\t]*[\\w{*'\"]|export[ \\t]*(default\\b|async\\b|function\\b|const\\b|let\\b|var\\b|class\\b|[{*]))",
            Pattern.MULTILINE);

    private FunctionCode() {
    }

    static boolean isModule(String code) {
        return MODULE_SYNTAX.matcher(code).find();
    }

    static boolean isModule(Source source) {
        return MODULE_MIME_TYPE.equals(source.getMimeType());
    }

    /** The cached source the executor evaluates: the code as it is, or a module with the lambda export appended. */
    static Source source(String codeId, String code) {
        return source(codeId, code, true);
    }

    /** As {@link #source(String, String)}; {@code cached} false for code parsed once and forgotten (the save check). */
    static Source source(String codeId, String code, boolean cached) {
        if (!isModule(code)) {
            return Source.newBuilder(SandboxFactory.LANGUAGE, code, codeId + ".js").cached(cached).buildLiteral();
        }
        return Source.newBuilder(SandboxFactory.LANGUAGE, code + "\n;export const " + LAMBDA_EXPORT
                + " = typeof lambda === 'function' ? lambda : undefined;\n", codeId + ".mjs")
                .mimeType(MODULE_MIME_TYPE).cached(cached).buildLiteral();
    }
}
