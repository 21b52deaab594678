package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code process.env} of a run: the function's own variables plus the ones LivePerson's runtimes set, V1's
 * {@code BRAND_ID} and {@code LAMBDA_UUID} and V2's {@code X_LIVEPERSON_BRAND_ID} and {@code X_LIVEPERSON_FUNCTION_UUID}.
 * The core refuses these names in a function's own environment, so nothing is overridden.
 */
final class PlatformEnvironment {
    private PlatformEnvironment() {
    }

    static Map<String, String> of(ExecutionRequest request) {
        Map<String, String> env = new HashMap<>(request.env());
        env.put("BRAND_ID", request.account());
        env.put("LAMBDA_UUID", request.functionId());
        env.put("X_LIVEPERSON_BRAND_ID", request.account());
        env.put("X_LIVEPERSON_FUNCTION_UUID", request.functionId());
        return env;
    }
}
