package io.switchboard.health.internal;

/**
 * The state of one Declarative Services component configuration (or of a component that has none).
 *
 * @param name component name
 * @param bundle symbolic name of the bundle that declares it
 * @param state ACTIVE, SATISFIED, UNSATISFIED_REFERENCE, UNSATISFIED_CONFIGURATION, FAILED_ACTIVATION,
 *              DISABLED or NOT_CONFIGURED (required configuration absent: nothing to run, not a fault)
 * @param detail why it is not running, or empty
 */
record ComponentSnapshot(String name, String bundle, String state, String detail) {

    boolean healthy() {
        return switch (state) {
            case "ACTIVE", "SATISFIED", "NOT_CONFIGURED", "DISABLED" -> true;
            default -> false;
        };
    }
}
