package io.switchboard.cli;

/** How a command prints what it got: a table for people, JSON for scripts, CSV for spreadsheets (metrics). */
public enum OutputFormat {
    table, json, csv
}
