package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.ExecutionRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds execution requests for tests. */
public final class Functions {
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    private Functions() {
    }

    public static ExecutionRequest request(String code) {
        return request(code, Duration.ofSeconds(10));
    }

    public static ExecutionRequest request(String code, Duration timeout) {
        String functionId = "f" + Integer.toHexString(code.hashCode());
        return request(functionId, functionId + "@1", code, "{\"payload\":{\"n\":2},\"headers\":[]}", timeout);
    }

    public static ExecutionRequest request(String functionId, String codeId, String code, String inputJson, Duration timeout) {
        return new ExecutionRequest("inv-" + INVOCATIONS.incrementAndGet(), "acme", functionId, codeId, code, inputJson,
                Map.of("GREETING", "hello"), List.of(), timeout);
    }

    public static ExecutionRequest withDomains(String code, List<String> domains) {
        return new ExecutionRequest("inv-" + INVOCATIONS.incrementAndGet(), "acme", "http", "http@" + Integer.toHexString(code.hashCode()), code,
                "{\"payload\":{},\"headers\":[]}", Map.of(), domains, Duration.ofSeconds(10));
    }
}
