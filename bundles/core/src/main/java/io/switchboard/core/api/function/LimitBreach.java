package io.switchboard.core.api.function;

import java.util.List;

/**
 * An account holding more productive functions for an event (or one of its skills) than the limit now in
 * force allows: what lowering a limit reports instead of undeploying anything.
 *
 * @param account the account
 * @param eventTypeId the event
 * @param skill the skill whose count is over the limit, {@code "*"} for functions without a skill filter,
 *              or null when the event has no skills
 * @param limit the limit in force
 * @param holders names of the productive functions counted
 * @since 1.1
 */
public record LimitBreach(String account, String eventTypeId, String skill, int limit, List<String> holders) {
    public LimitBreach {
        holders = List.copyOf(holders);
    }
}
