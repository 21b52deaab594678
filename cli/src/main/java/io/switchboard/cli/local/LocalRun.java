package io.switchboard.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cli.Json;
import io.switchboard.cli.project.LocalSettings;
import io.switchboard.cli.project.Project;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.executor.graaljs.internal.LocalExecutor;
import io.switchboard.executor.graaljs.internal.modules.LocalToolbelt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a project's function once in the server's executor, with {@code config.json}'s input, environment and allowed
 * domains and {@code settings.json}'s secrets and allow-list, and answers as {@code POST .../invoke} does (plus the
 * duration), so that a local and a remote run can be compared field by field.
 */
public final class LocalRun {
    /** The server's default function timeout (PID io.switchboard.core.functions, defaultTimeoutMs). */
    static final int DEFAULT_TIMEOUT_MS = 30_000;

    private LocalRun() {
    }

    public static ObjectNode run(Project project, String name, String account, Map<String, Object> executorConfig, Duration timeoutOverride)
            throws InterruptedException {
        Project.LocalFunction function = project.function(name);
        LocalSettings settings = project.settings();
        List<String> domains = new ArrayList<>(function.config().allowedDomains());
        Duration timeout = timeoutOverride != null ? timeoutOverride
                : Duration.ofMillis(function.config().timeoutMs() != null ? function.config().timeoutMs() : DEFAULT_TIMEOUT_MS);
        ExecutionRequest request = new ExecutionRequest(UUID.randomUUID().toString(), account, name, name + "@local", function.code(),
                input(function.config().input()), function.config().env(), domains, timeout);
        LocalToolbelt toolbelt = new LocalToolbelt(new LocalSecrets(settings.secrets()), new LocalContexts(), settings.allowList(),
                EgressPolicyImpl.admitting());
        try (LocalExecutor executor = new LocalExecutor(toolbelt, executorConfig)) {
            return answer(request, executor.run(request));
        }
    }

    /** {@code {"payload": ..., "headers": [{key, value}]}}, as the core hands it to the executor. */
    static String input(JsonNode input) {
        ArrayNode headers = Json.mapper().createArrayNode();
        JsonNode given = input.path("headers");
        if (given.isArray()) {
            given.forEach(h -> headers.addObject().put("key", h.path("key").asText()).put("value", h.path("value").asText()));
        } else if (given.isObject()) {
            given.fields().forEachRemaining(e -> headers.addObject().put("key", e.getKey()).put("value", e.getValue().asText()));
        }
        JsonNode payload = input.has("payload") ? input.get("payload") : Json.object();
        return "{\"payload\":" + Json.compact(payload) + ",\"headers\":" + Json.compact(headers) + "}";
    }

    private static ObjectNode answer(ExecutionRequest request, ExecutionResult result) {
        ObjectNode answer = Json.object();
        answer.put("invocationId", request.invocationId()).put("functionName", request.functionId()).put("version", 0);
        answer.put("outcome", result.outcome().name());
        if (result.error() != null) {
            answer.putObject("error").put("errorCode", result.error().errorCode()).put("errorMsg", result.error().errorMsg());
        } else {
            answer.set("result", result.resultJson() == null ? Json.mapper().nullNode() : Json.parse(result.resultJson()));
        }
        ArrayNode logs = answer.putArray("logs");
        for (LogLine line : result.logs()) {
            ObjectNode entry = logs.addObject().put("time", line.time().toString()).put("level", line.level().name()).put("message", line.message());
            if (line.extrasJson() != null) {
                entry.set("extras", Json.parse(line.extrasJson()));
            }
        }
        answer.put("durationMs", result.duration() == null ? 0 : result.duration().toMillis());
        return answer;
    }
}
