package io.switchboard.core.api.execution;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks function code before it is saved, by the rules the executor runs it with: it parses (as a script, or as
 * an ES module when it has {@code import}/{@code export} statements) and it has an entry point (a global function
 * {@code lambda}, a function assigned to {@code module.exports} or {@code exports.lambda}, or in module code an
 * exported or top-level {@code lambda} or a default export). The executor bundle provides it; the core calls it on
 * create, update and deploy, and other tools (template checks, a CLI) may call it too.
 */
@ConsumerType
public interface CodeChecker {

    /** What is wrong with the code; empty when it can run. */
    List<CodeProblem> check(String code);
}
