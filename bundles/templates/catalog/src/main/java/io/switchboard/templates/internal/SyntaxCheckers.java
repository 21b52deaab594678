package io.switchboard.templates.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the syntax checker: GraalJS when the platform has it (its import is optional), else none. */
final class SyntaxCheckers {
    private static final Logger LOG = LoggerFactory.getLogger(SyntaxCheckers.class);

    private SyntaxCheckers() {
    }

    static SyntaxChecker available() {
        try {
            return new GraalSyntaxChecker();
        } catch (NoClassDefFoundError | IllegalStateException | IllegalArgumentException e) {
            LOG.warn("GraalJS is not available ({}): templates are accepted without a JavaScript syntax check", e.toString());
            return SyntaxChecker.NONE;
        }
    }
}
