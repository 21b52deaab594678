package io.switchboard.launcher;

import java.util.List;

/**
 * Packages of the launcher's class path that the framework exports to bundles ("platform mode"): GraalJS
 * runs from the class path so it gets the JIT and is never reloaded, and SLF4J is the one logging API.
 */
final class PlatformPackages {

    static final String GRAAL_VERSION = "25.0.3";
    static final String SLF4J_VERSION = "2.0.17";
    /**
     * SLF4J 2 keeps the 1.7 API, and bundles built against 1.7 (Felix Health Checks) import {@code [1.7,2)}: the same
     * packages are exported under this version too.
     */
    static final String SLF4J_1_VERSION = "1.7.36";

    private static final List<String> GRAAL = List.of(
            "org.graalvm.polyglot", "org.graalvm.polyglot.io", "org.graalvm.polyglot.proxy",
            "org.graalvm.polyglot.management", "org.graalvm.options", "org.graalvm.collections", "org.graalvm.home");
    private static final List<String> SLF4J = List.of("org.slf4j", "org.slf4j.spi", "org.slf4j.event", "org.slf4j.helpers");

    private PlatformPackages() {
    }

    /** The value of {@code org.osgi.framework.system.packages.extra}. */
    static String systemPackagesExtra() {
        var exports = new StringBuilder();
        GRAAL.forEach(p -> exports.append(p).append(";version=").append(GRAAL_VERSION).append(','));
        SLF4J.forEach(p -> exports.append(p).append(";version=").append(SLF4J_VERSION).append(','));
        SLF4J.forEach(p -> exports.append(p).append(";version=").append(SLF4J_1_VERSION).append(','));
        return exports.substring(0, exports.length() - 1);
    }
}
