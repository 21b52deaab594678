package io.switchboard.templates.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A template file the catalogue refused, and why; it stays listed until the file is fixed or removed (the other templates
 * of its source are not affected).
 *
 * @param id the id the file would have had (its name without {@code .js})
 * @param source where the file is
 * @param reason what is wrong with it, e.g. {@code the code cannot be parsed: it nests too deeply}
 * @param rejectedAt when it was last read and refused
 */
public record RejectedTemplate(String id, TemplateSource source, String reason, Instant rejectedAt) {

    public RejectedTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }
}
