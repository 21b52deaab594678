package io.switchboard.core.internal.event;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.event.RenamedEventTypes;

/** Parses the operator's {@code eventTypeId=limit} entries; a malformed entry is logged and skipped. */
final class LimitOverrides {

    private static final Logger LOG = LoggerFactory.getLogger(LimitOverrides.class);

    private LimitOverrides() {
    }

    static Map<String, Integer> parse(String[] entries) {
        Map<String, Integer> overrides = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int eq = entry.indexOf('=');
            String id = eq < 0 ? "" : entry.substring(0, eq).strip();
            Integer limit = eq < 0 ? null : parseLimit(entry.substring(eq + 1).strip());
            if (id.isEmpty() || limit == null) {
                LOG.error("Ignoring limit override '{}' of {}: expected eventTypeId=limit with a limit >= 0", entry, EventCatalogImpl.PID);
                continue;
            }
            RenamedEventTypes.replacementOf(id).ifPresent(next -> LOG.warn("Limit override '{}' of {} names the old event type id '{}', "
                    + "which matches nothing: it was renamed to '{}' (LivePerson's id)", entry, EventCatalogImpl.PID, id, next));
            overrides.put(id, limit);
        }
        return Map.copyOf(overrides);
    }

    private static Integer parseLimit(String text) {
        try {
            int limit = Integer.parseInt(text);
            return limit < 0 ? null : limit;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
