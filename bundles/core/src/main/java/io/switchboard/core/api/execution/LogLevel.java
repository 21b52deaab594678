package io.switchboard.core.api.execution;

/** Level of a line a function logged through {@code console}. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR
}
