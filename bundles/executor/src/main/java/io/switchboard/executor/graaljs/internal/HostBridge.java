package io.switchboard.executor.graaljs.internal;

import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.executor.graaljs.internal.node.CryptoBridge;
import io.switchboard.executor.graaljs.internal.node.NodeModules;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The only host object a context sees: a polyglot proxy handed to the prelude (never a global) whose
 * functions forward to the invocation currently running on the context. Only strings, numbers and guest
 * values cross it. Module loading and crypto are synchronous and need no invocation; toolbelt calls are
 * asynchronous and belong to the running invocation.
 */
final class HostBridge {
    private final NodeModules modules;
    private final CryptoBridge crypto;
    private Invocation current;

    HostBridge(NodeModules modules, CryptoBridge crypto) {
        this.modules = modules;
        this.crypto = crypto;
    }

    void bind(Invocation invocation) {
        current = invocation;
    }

    void unbind() {
        current = null;
    }

    ProxyObject proxy() {
        return ProxyObject.fromMap(Map.ofEntries(
                Map.entry("log", (ProxyExecutable) args ->
                        invocation().log(LogLevel.valueOf(text(args, 0)), text(args, 1), optionalText(args, 2))),
                // The console calls this instead of log once an entry was dropped: no text crosses any more.
                Map.entry("logDropped", (ProxyExecutable) args -> {
                    invocation().logDropped();
                    return null;
                }),
                Map.entry("settle", (ProxyExecutable) args -> {
                    invocation().settle(text(args, 0), text(args, 1));
                    return null;
                }),
                Map.entry("settleAgain", (ProxyExecutable) args -> {
                    invocation().settleAgain(text(args, 0));
                    return null;
                }),
                Map.entry("setTimer", (ProxyExecutable) args -> invocation().setTimer(function(args, 0), number(args, 1))),
                Map.entry("clearTimer", (ProxyExecutable) args -> {
                    invocation().clearTimer((int) number(args, 0));
                    return null;
                }),
                // Limits the prelude applies before text crosses into Java, so an oversized message is never copied.
                Map.entry("maxChars", (ProxyExecutable) args -> invocation().maxChars(text(args, 0))),
                Map.entry("toolbelt", (ProxyExecutable) args -> {
                    invocation().callToolbelt(text(args, 0), text(args, 1), text(args, 2), function(args, 3), function(args, 4));
                    return null;
                }),
                Map.entry("loadModule", (ProxyExecutable) args -> {
                    // Evaluating the cached source in this context returns the module's wrapper function.
                    Source wrapper = modules.wrapper(text(args, 0));
                    return wrapper == null ? null : Context.getCurrent().eval(wrapper);
                }),
                Map.entry("moduleIds", (ProxyExecutable) args -> String.join(", ", modules.ids())),
                Map.entry("crypto", cryptoProxy())));
    }

    private ProxyObject cryptoProxy() {
        return ProxyObject.fromMap(Map.of(
                "digest", (ProxyExecutable) args -> secure(() -> crypto.digest(text(args, 0), text(args, 1))),
                "hmac", (ProxyExecutable) args -> secure(() -> crypto.hmac(text(args, 0), text(args, 1), text(args, 2))),
                "randomBytes", (ProxyExecutable) args -> crypto.randomBytes((int) number(args, 0)),
                "randomUUID", (ProxyExecutable) args -> crypto.randomUUID(),
                "importKey", (ProxyExecutable) args -> crypto.importKey(text(args, 0), text(args, 1), text(args, 2), text(args, 3)),
                "publicOf", (ProxyExecutable) args -> crypto.publicOf(text(args, 0)),
                "sign", (ProxyExecutable) args -> crypto.sign(text(args, 0), text(args, 1), text(args, 2), text(args, 3)),
                "verify", (ProxyExecutable) args -> crypto.verify(text(args, 0), text(args, 1), text(args, 2), text(args, 3),
                        text(args, 4))));
    }

    /** The JavaScript side checks algorithm names first, so a failure here is a fault of the platform. */
    private static String secure(SecureCall call) {
        try {
            return call.run();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("crypto bridge: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SecureCall {
        String run() throws GeneralSecurityException;
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

    private static String optionalText(Value[] args, int index) {
        return args.length <= index || args[index].isNull() ? null : text(args, index);
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
