package io.switchboard.core.internal.function;

import java.time.Duration;

import io.switchboard.core.api.function.FunctionSpec;

/** A deployed version of a function, as dispatch runs it. */
public record DeployedFunction(String functionId, String account, int version, FunctionSpec spec, Duration timeout) {

    public String name() {
        return spec.name();
    }

    /** Identity of this exact code for executor caches. */
    public String codeId() {
        return functionId + "@" + version;
    }
}
