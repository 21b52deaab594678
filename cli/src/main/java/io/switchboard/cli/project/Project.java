package io.switchboard.cli.project;

import io.switchboard.cli.CliException;
import io.switchboard.cli.ExitCode;
import io.switchboard.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A project in LivePerson's layout: {@code functions/<name>/index.js} + {@code config.json}, {@code functions/settings.json}. */
public final class Project {
    private final Path root;

    public Project(Path root) {
        this.root = root;
    }

    /** The project the folder is in: the nearest folder upwards that has {@code functions/}, else the folder itself. */
    public static Project around(Path folder) {
        for (Path dir = folder.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("functions"))) {
                return new Project(dir);
            }
        }
        return new Project(folder.toAbsolutePath());
    }

    public Path root() {
        return root;
    }

    public Path functionsDir() {
        return root.resolve("functions");
    }

    public Path settingsFile() {
        return functionsDir().resolve("settings.json");
    }

    public LocalSettings settings() {
        return LocalSettings.read(settingsFile());
    }

    /** The names of the project's functions (folders under {@code functions/} with a {@code config.json}), sorted. */
    public List<String> functionNames() {
        if (!Files.isDirectory(functionsDir())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(functionsDir())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("config.json"))).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The named functions, or all of them when none are named. */
    public List<String> selected(List<String> names) {
        List<String> chosen = names == null || names.isEmpty() ? functionNames() : names;
        if (chosen.isEmpty()) {
            throw new CliException(ExitCode.PROJECT, "no functions in " + functionsDir() + " (create one: sbf init <name>)");
        }
        return chosen;
    }

    public LocalFunction function(String name) {
        Path dir = functionsDir().resolve(name);
        Path config = dir.resolve("config.json");
        Path code = dir.resolve("index.js");
        if (!Files.isRegularFile(config) || !Files.isRegularFile(code)) {
            throw new CliException(ExitCode.PROJECT, "no function '" + name + "' in " + functionsDir() + " (expected " + name
                    + "/index.js and " + name + "/config.json)");
        }
        FunctionConfig parsed = FunctionConfig.parse(Json.read(config), config.toString());
        if (!parsed.name().equals(name)) {
            throw new CliException(ExitCode.PROJECT, config + ": \"name\" is '" + parsed.name() + "' but the folder is '" + name
                    + "'; they must be equal (the name is the function's identity on the server)");
        }
        try {
            return new LocalFunction(parsed, Files.readString(code));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String name) {
        return Files.isRegularFile(functionsDir().resolve(name).resolve("config.json"));
    }

    public void write(LocalFunction function) {
        Path dir = functionsDir().resolve(function.config().name());
        Json.write(dir.resolve("config.json"), function.config().toJson());
        try {
            Files.writeString(dir.resolve("index.js"), function.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A function of the project: its configuration and code. */
    public record LocalFunction(FunctionConfig config, String code) {
    }
}
