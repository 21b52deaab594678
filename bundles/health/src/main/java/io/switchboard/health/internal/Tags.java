package io.switchboard.health.internal;

/** The {@code hc.tags} of Switchboard's health checks: which endpoint runs which. */
final class Tags {

    /** Every check of the platform: {@code /health} and {@code /health/ready} run them. */
    static final String SWITCHBOARD = "switchboard";
    /** Checks whose failure a restart mends (dead worker threads): {@code /health/live} runs them. */
    static final String LIVE = "live";

    private Tags() {
    }
}
