package io.switchboard.cli.project;

/** The two forms LivePerson's {@code config.json} keeps {@code environmentVariables} in. */
public enum EnvironmentForm {
    /** V1: {@code [{"key": "NAME", "value": "v"}]}. */
    LIST,
    /** V2: {@code {"NAME": "v"}}. */
    MAP
}
