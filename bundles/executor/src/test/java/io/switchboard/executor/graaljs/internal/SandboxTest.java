package io.switchboard.executor.graaljs.internal;

import static io.switchboard.executor.graaljs.internal.Functions.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each snippet tries to leave the sandbox; the function reports what it reached and must reach nothing. */
class SandboxTest {
    private static GraalJsExecutor executor;

    @BeforeAll
    static void start() {
        executor = new GraalJsExecutor(TestConfigs.of(GraalJsExecutor.Config.class, Map.of()));
    }

    @AfterAll
    static void stop() {
        executor.deactivate();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Java.type('java.lang.System').exit(1)",
        "Packages.java.lang.System.exit(1)",
        "java.lang.System.exit(1)",
        "Polyglot.eval('js', '1')",
        "Polyglot.import('x')",
        "Graal.versionJS",
        "load('/etc/passwd')",
        "loadWithNewGlobal({script: '1'})",
        "print('to stdout')",
        "quit()",
        "require('fs').readFileSync('/etc/passwd')",
        "require('child_process').execSync('id')",
        "require('http')",
        "require('../../etc/passwd')",
        "process.exit(1)",
        "process.binding('fs')",
        "process.mainModule.require('fs')",
        "console.log.constructor.constructor('return Java')().type('java.lang.Runtime')",
        "require.constructor.constructor('return Packages')().java",
        "Object.getPrototypeOf(console).constructor.constructor('return this')().Java.type('java.io.File')",
        "setTimeout.constructor('return Polyglot')().eval('js', '1')",
        "new (Object.getPrototypeOf(async function(){}).constructor)('return Java')()",
    })
    void escapeAttemptFails(String escape) {
        ExecutionResult result = executor.execute(request("async function lambda() { return " + escape + "; }"));

        assertThat(result.outcome()).as(escape).isEqualTo(Outcome.ERROR);
        assertThat(result.error().errorCode()).isIn("com.switchboard.function.failed", "com.switchboard.function.runtime-error");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "typeof Java",
        "typeof Packages",
        "typeof java",
        "typeof Polyglot",
        "typeof Graal",
        "typeof load",
        "typeof print",
        "typeof process.exit",
        "typeof process.binding",
        "typeof process.env.PATH",
        "typeof process.env.HOME",
        "typeof globalThis.host",
        "typeof globalThis.install",
        "typeof Function('return this')().Java",
    })
    void hostThingsAreNotVisible(String probe) {
        ExecutionResult result = executor.execute(request("async function lambda() { return " + probe + "; }"));

        assertThat(result.resultJson()).as(probe).isEqualTo("\"undefined\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "fs", "node:fs", "file:///etc/hostname", "https://example.com/x.mjs"})
    void dynamicImportIsRefused(String specifier) {
        ExecutionResult result = executor.execute(request(
                "async function lambda() { return await import('" + specifier + "'); }"));

        assertThat(result.outcome()).as(specifier).isEqualTo(Outcome.ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Array.prototype.map = function () { return [{}]; }; console.log('x')",
        "Array.prototype.join = function () { return {}; }; console.log('x')",
        "JSON.stringify = () => { throw new Error('hijacked'); }; console.log({a: 1})",
        "Promise.prototype.then = function () { return 'hijacked'; }",
    })
    void tamperingWithBuiltinsCannotReachTheHost(String tamper) {
        ExecutionResult result = executor.execute(request("""
                async function lambda() {
                  try { %s } catch (e) {
                    return [typeof e.getClass, typeof e.getMessage, Object.keys(e).length, String(e).includes('java.')];
                  }
                  return 'no error';
                }""".formatted(tamper)));

        assertThat(result.resultJson()).as(tamper).isIn("\"no error\"", "[\"undefined\",\"undefined\",0,false]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Object.getOwnPropertyNames(globalThis).filter(n => /^(Java|Packages|java|javax|Polyglot|Graal|load|print|quit)$/.test(n))",
        "Object.keys(process).sort()",
        "Object.keys(process.env).sort()",
    })
    void globalsExposeOnlyThePlatformsOwnValues(String probe) {
        ExecutionResult result = executor.execute(request("async function lambda() { return " + probe + "; }"));

        assertThat(result.resultJson()).as(probe).isIn("[]",
                "[\"arch\",\"argv\",\"cwd\",\"emitWarning\",\"env\",\"hrtime\",\"nextTick\",\"pid\",\"platform\",\"version\",\"versions\"]",
                "[\"BRAND_ID\",\"GREETING\",\"LAMBDA_UUID\",\"X_LIVEPERSON_BRAND_ID\",\"X_LIVEPERSON_FUNCTION_UUID\"]");
    }
}
