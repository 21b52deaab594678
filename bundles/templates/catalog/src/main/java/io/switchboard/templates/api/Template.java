package io.switchboard.templates.api;

import java.util.List;
import java.util.Objects;

/**
 * A function template: JavaScript in the product's programming model plus what a function made from it needs.
 *
 * @param id stable identifier, unique in the catalogue (the file name without {@code .js})
 * @param name name shown to users, e.g. {@code Messaging Conversation End}
 * @param description what the template demonstrates
 * @param eventType the event type a function made from it reacts to, or null for a template without event
 * @param defaultForEvent whether this is the default template of its event type
 * @param code the JavaScript source defining {@code lambda}
 * @param requiredDomains host names the code calls over HTTP (pre-filled as the function's allowed domains)
 * @param requiredSecrets names of secrets the code reads from the account's secret storage
 * @param requiredEnv names of environment variables the code reads from {@code process.env}
 * @param version identity of this exact content ({@code sha256:} plus 12 hex digits of the template file)
 * @param source where the template was read from
 */
public record Template(
        String id,
        String name,
        String description,
        String eventType,
        boolean defaultForEvent,
        String code,
        List<String> requiredDomains,
        List<String> requiredSecrets,
        List<String> requiredEnv,
        String version,
        TemplateSource source) {

    public Template {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
        requiredDomains = requiredDomains == null ? List.of() : List.copyOf(requiredDomains);
        requiredSecrets = requiredSecrets == null ? List.of() : List.copyOf(requiredSecrets);
        requiredEnv = requiredEnv == null ? List.of() : List.copyOf(requiredEnv);
        if (defaultForEvent && eventType == null) {
            throw new IllegalArgumentException("template " + id + " is the default of an event but names no event type");
        }
    }
}
