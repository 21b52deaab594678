package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.LogLevel;
import java.util.Map;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The only host object a context sees: a polyglot proxy handed to the prelude (never a global) whose
 * functions forward to the invocation currently running on the context. Only strings, numbers and guest
 * functions cross it.
 */
final class HostBridge {
    private Invocation current;

    void bind(Invocation invocation) {
        current = invocation;
    }

    void unbind() {
        current = null;
    }

    ProxyObject proxy() {
        return ProxyObject.fromMap(Map.of(
                "log", (ProxyExecutable) args -> {
                    invocation().log(LogLevel.valueOf(text(args, 0)), text(args, 1));
                    return null;
                },
                "settle", (ProxyExecutable) args -> {
                    invocation().settle(text(args, 0), text(args, 1));
                    return null;
                },
                "settleAgain", (ProxyExecutable) args -> {
                    invocation().settleAgain(text(args, 0));
                    return null;
                },
                "setTimer", (ProxyExecutable) args -> invocation().setTimer(function(args, 0), number(args, 1)),
                "clearTimer", (ProxyExecutable) args -> {
                    invocation().clearTimer((int) number(args, 0));
                    return null;
                },
                // Limits the prelude applies before text crosses into Java, so an oversized message is never copied.
                "maxChars", (ProxyExecutable) args -> invocation().maxChars(text(args, 0)),
                "toolbelt", (ProxyExecutable) args -> {
                    invocation().callToolbelt(text(args, 0), text(args, 1), text(args, 2), function(args, 3), function(args, 4));
                    return null;
                }));
    }

    private Invocation invocation() {
        Invocation invocation = current;
        if (invocation == null) {
            throw new IllegalStateException("no invocation is running on this context");
        }
        return invocation;
    }

    private static String text(Value[] args, int index) {
        if (args.length <= index || !args[index].isString()) {
            throw new IllegalArgumentException("argument " + index + " must be a string");
        }
        return args[index].asString();
    }

    private static long number(Value[] args, int index) {
        if (args.length <= index || !args[index].isNumber()) {
            throw new IllegalArgumentException("argument " + index + " must be a number");
        }
        Value value = args[index];
        return value.fitsInLong() ? value.asLong() : (long) value.asDouble();
    }

    private static Value function(Value[] args, int index) {
        if (args.length <= index || !args[index].canExecute()) {
            throw new IllegalArgumentException("argument " + index + " must be a function");
        }
        return args[index];
    }
}
