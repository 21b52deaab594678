package io.switchboard.executor.toolbelt;

import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A toolbelt module: a named factory on the {@code lp-faas-toolbelt} object that functions require.
 *
 * <p>Register it as an OSGi service with the {@link ToolbeltModuleName} property. Nothing of Java
 * crosses into the sandbox: the module's {@link #facadeScript() facade} builds the JavaScript object
 * functions see, and each of its host operations takes and returns JSON text.
 */
@ConsumerType
public interface ToolbeltModule {

    /** Service property naming the member of the toolbelt, e.g. {@code HTTPClient}. */
    String NAME_PROPERTY = "switchboard.toolbelt.module.name";

    /**
     * JavaScript source of a function expression {@code (call) => factory}. {@code call(operation, ...args)}
     * sends the arguments as a JSON array to {@link #call} and returns a Promise of its parsed JSON answer;
     * the returned {@code factory} becomes {@code Toolbelt.<name>}. The script runs inside the sandbox.
     */
    String facadeScript();

    /**
     * Performs one host operation for a function. Called on the invocation's thread: return quickly and
     * finish asynchronously when it needs I/O. A failed stage rejects the function's promise with the
     * exception's message, so make the message one the function's author can act on.
     *
     * @return the answer as JSON text ({@code null} means {@code undefined})
     */
    CompletionStage<String> call(ToolbeltCall call);
}
