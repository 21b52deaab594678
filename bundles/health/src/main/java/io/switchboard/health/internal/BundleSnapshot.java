package io.switchboard.health.internal;

/** The state of one project bundle at the time of a health check. */
record BundleSnapshot(String symbolicName, String version, String state, boolean fragment) {

    boolean healthy() {
        return fragment ? "RESOLVED".equals(state) || "ACTIVE".equals(state) : "ACTIVE".equals(state);
    }
}
