package io.switchboard.core.internal.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import io.switchboard.core.api.function.FunctionSpec;

/** A deployed version of a function, as dispatch runs it; version {@value #DRAFT} is the function's draft run as a test. */
public record DeployedFunction(String functionId, String account, int version, FunctionSpec spec, Duration timeout) {

    /** The version number of a draft run (deployed versions count from 1). */
    public static final int DRAFT = 0;

    public String name() {
        return spec.name();
    }

    /**
     * Identity of this exact code for executor caches. A draft changes without a new version number, so its identity
     * is its code's digest: an edited draft is never run from a cache of the code before.
     */
    public String codeId() {
        return version == DRAFT ? functionId + "@draft-" + digest(spec.code()) : functionId + "@" + version;
    }

    private static String digest(String code) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
