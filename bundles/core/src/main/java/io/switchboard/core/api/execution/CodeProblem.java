package io.switchboard.core.api.execution;

/**
 * One reason function code cannot run.
 *
 * @param message what is wrong, e.g. {@code SyntaxError: Unexpected token} or a missing entry point
 * @param line 1-based line of the problem, 0 when it belongs to no single place
 * @param column 1-based column of the problem, 0 when it belongs to no single place
 */
public record CodeProblem(String message, int line, int column) {
}
