package io.switchboard.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may read from its surroundings: streams, the working folder, the configuration folder and whether
 * stdout is a terminal. Tests build one over temporary folders and string streams.
 */
public record Environment(PrintWriter out, PrintWriter err, BufferedReader in, Path workingDirectory, Path configDirectory,
        boolean terminal) {

    /** The process's own surroundings. */
    public Environment() {
        this(new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), Path.of("").toAbsolutePath(),
                configDirectory(System.getenv()), System.console() != null && System.getenv("NO_COLOR") == null);
    }

    /** {@code $XDG_CONFIG_HOME/switchboard}, else {@code ~/.config/switchboard} (overridable with {@code SBF_CONFIG_DIR}). */
    public static Path configDirectory(Map<String, String> env) {
        String explicit = env.get("SBF_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "switchboard");
        }
        return Path.of(System.getProperty("user.home"), ".config", "switchboard");
    }
}
