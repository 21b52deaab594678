package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The platform function the executor calls at start so the JIT compiles the per-call code every function shares (the
 * prelude's invoke, settle and succeed, JSON parse and stringify, the host boundary) before the first event. The Graal
 * compiler on JDK 25 runs as Java code that HotSpot compiles only as it is used: in the 2026-12-03 quick bench the first
 * Truffle compilations of that code took seconds each on the engine's single compiler thread, under load. Only this
 * platform function runs; a deployed function's {@code lambda} is never called on its own.
 */
final class WarmUpCalls {
    static final String FUNCTION_ID = "switchboard-warm-up-calls";
    // The shape of a LivePerson command function: callback style, reads the payload, answers text.
    private static final String CODE = "function lambda(input, callback) {\n"
            + "  const p = input.payload;\n"
            + "  callback(null, 'ok ' + p.arguments[0] + ' ' + p.n);\n"
            + "}\n";

    private WarmUpCalls() {
    }

    /** Calls to make: none without a JIT, where nothing would be compiled and the calls would only cost start-up time. */
    static int count(int configured, String engineImplementation) {
        return engineImplementation.toLowerCase(Locale.ROOT).contains("interpret") ? 0 : Math.max(0, configured);
    }

    static ExecutionRequest request(int n) {
        return new ExecutionRequest("warm-up-" + n, "switchboard", FUNCTION_ID, FUNCTION_ID + "@1", CODE,
                "{\"payload\":{\"arguments\":[\"warm\"],\"n\":" + n + "}}", Map.of(), List.of(), Duration.ofSeconds(5));
    }
}
