package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.CallDepthExceededException;
import io.switchboard.core.api.dispatch.FunctionCall;
import io.switchboard.core.api.dispatch.FunctionCalls;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * Function-to-function calls ({@link FunctionCalls}). The callee is looked up in the caller's account only; it runs
 * on the synchronous pool (the caller may be a function holding an executor thread), without taking concurrency slots
 * (its caller holds some and waits for it: were the account full, the two would wait for each other), and with its
 * timeout cut to the caller's deadline.
 */
final class ChildCalls implements FunctionCalls {

    static final String DEADLINE_PASSED = "com.switchboard.dispatch.deadline-passed";
    private static final Logger LOG = LoggerFactory.getLogger(ChildCalls.class);

    private final DeployedFunctions functions;
    private final SyncRunner runner;
    private final int maxDepth;
    private final Clock clock;

    ChildCalls(DeployedFunctions functions, SyncRunner runner, int maxDepth, Clock clock) {
        this.functions = functions;
        this.runner = runner;
        this.maxDepth = Math.max(1, maxDepth);
        this.clock = clock;
    }

    @Override
    public FunctionOutcome call(FunctionCall call) {
        int depth = call.callerDepth() + 1;
        if (depth > maxDepth) {
            throw new CallDepthExceededException("Invocation " + call.callerInvocationId() + " may not call '" + call.functionRef()
                    + "': that would be call " + depth + " of a chain, and functions call at most " + maxDepth + " deep (maxCallDepth)", maxDepth);
        }
        PayloadValidator.parse(call.payloadJson());
        DeployedFunction callee = functions.deployed(call.account(), call.functionRef()).orElseThrow(() -> new UnknownFunctionException(
                "Account " + call.account() + " has no deployed function '" + call.functionRef() + "' to call"));
        Duration left = Duration.between(clock.instant(), call.deadline());
        if (left.isNegative() || left.isZero()) {
            return new FunctionOutcome(null, callee.functionId(), callee.name(), callee.version(), Outcome.TIMEOUT, null,
                    new ExecutionError(DEADLINE_PASSED, "The caller's deadline passed before '" + callee.name() + "' could run"), List.of());
        }
        DeployedFunction bounded = left.compareTo(callee.timeout()) < 0
                ? new DeployedFunction(callee.functionId(), callee.account(), callee.version(), callee.spec(), left) : callee;
        LOG.debug("Invocation {} calls function {} v{} of account {} at depth {}", call.callerInvocationId(), callee.functionId(),
                callee.version(), call.account(), depth);
        return runner.runOnPool(bounded, call.payloadJson(), new InvocationContext(null, null, call.headers(), Trigger.FUNCTION, depth));
    }
}
