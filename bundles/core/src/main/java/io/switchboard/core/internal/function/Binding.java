package io.switchboard.core.internal.function;

import java.util.List;

/**
 * A productive function bound to an event: what limits count and what dispatch selects.
 *
 * @param skills the skills it reacts to; empty means every skill
 */
public record Binding(String functionId, String account, String eventType, String functionName, List<String> skills, int version) {
    public Binding {
        skills = List.copyOf(skills);
    }

    /** Whether this binding reacts to (and counts against) the skill; null asks about "no skill given". */
    public boolean covers(String skill) {
        return skills.isEmpty() || (skill != null && skills.contains(skill));
    }
}
