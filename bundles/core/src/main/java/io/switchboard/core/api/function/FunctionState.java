package io.switchboard.core.api.function;

/** Lifecycle state of a function. */
public enum FunctionState {
    /** Never deployed. */
    DRAFT,
    /** A deployed version is active and reacts to events. */
    PRODUCTIVE,
    /** Productive, with edits newer than the deployed version. */
    MODIFIED,
    /** Was deployed, is not any more. */
    UNDEPLOYED
}
