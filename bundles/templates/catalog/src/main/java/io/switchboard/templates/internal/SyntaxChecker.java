package io.switchboard.templates.internal;

/** Checks that template code is valid JavaScript without running it. */
interface SyntaxChecker extends AutoCloseable {

    /** Accepts everything: used where no JavaScript engine is available. */
    SyntaxChecker NONE = (name, code) -> { };

    /** @throws TemplateRejectedException naming the line and the engine's message when the code does not parse */
    void check(String name, String code) throws TemplateRejectedException;

    @Override
    default void close() {
    }
}
