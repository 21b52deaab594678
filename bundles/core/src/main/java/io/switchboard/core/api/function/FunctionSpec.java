package io.switchboard.core.api.function;

import java.util.List;
import java.util.Map;

/**
 * What a user writes when creating or replacing a function. Null optional fields take defaults.
 *
 * @param name unique in the account
 * @param description free text
 * @param code JavaScript defining {@code lambda}; capped in size by configuration
 * @param eventType the event the function reacts to, or null for a function invoked only directly
 * @param skills skills the function reacts to (only for events that support skills; empty = all)
 * @param timeoutMs wall-clock budget per invocation, or null for the default
 * @param allowedDomains host names the function may call (exact or {@code *.suffix})
 * @param env environment variables handed to the function
 * @param templateId the template the function was created from, or null
 * @param templateVersion the version of that template, or null
 */
public record FunctionSpec(
        String name,
        String description,
        String code,
        String eventType,
        List<String> skills,
        Long timeoutMs,
        List<String> allowedDomains,
        Map<String, String> env,
        String templateId,
        String templateVersion) {
    public FunctionSpec {
        description = description == null ? "" : description;
        skills = skills == null ? List.of() : List.copyOf(skills);
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
