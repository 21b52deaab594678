package io.switchboard.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The installation's settings: folders, HTTP address and extra framework properties, read from {@code etc/}
 * and the environment. Reading them checks every file of {@code etc/} so a broken one fails start-up early.
 *
 * @param home the installation folder
 * @param httpHost the interface the HTTP server binds to
 * @param httpPort the HTTP port ({@code SWITCHBOARD_HTTP_PORT} wins over {@code etc/switchboard.properties})
 * @param data where everything the platform persists lives
 * @param deploy the hot-deploy folder
 * @param logs the log folder
 * @param frameworkOverrides framework properties from {@code etc/framework.properties}, applied last
 */
public record Settings(Path home, String httpHost, int httpPort, Path data, Path deploy, Path logs,
                Map<String, String> frameworkOverrides) {

    static final String SETTINGS_FILE = "switchboard.properties";
    static final String FRAMEWORK_FILE = "framework.properties";
    static final String PORT_VARIABLE = "SWITCHBOARD_HTTP_PORT";

    public Path etc() {
        return home.resolve("etc");
    }

    public Path system() {
        return home.resolve("system");
    }

    public static Settings load(Path home, Map<String, String> environment) throws LaunchException {
        Path etc = home.resolve("etc");
        if (!Files.isDirectory(etc)) {
            throw new LaunchException(LaunchException.BAD_CONFIGURATION, "configuration folder " + etc + " is missing");
        }
        checkReadable(etc);
        Properties settings = read(etc.resolve(SETTINGS_FILE), true);
        Path framework = etc.resolve(FRAMEWORK_FILE);
        Properties overrides = Files.exists(framework) ? read(framework, false) : new Properties();

        int port = port(environment.get(PORT_VARIABLE), PORT_VARIABLE,
                settings.getProperty("switchboard.http.port", "8181"), etc.resolve(SETTINGS_FILE));
        String host = settings.getProperty("switchboard.http.host", "0.0.0.0").trim();
        Map<String, String> frameworkOverrides = new HashMap<>();
        overrides.stringPropertyNames().forEach(k -> frameworkOverrides.put(k, overrides.getProperty(k).trim()));
        return new Settings(home, host, port,
                folder(home, settings, "switchboard.data", "data"),
                folder(home, settings, "switchboard.deploy", "deploy"),
                folder(home, settings, "switchboard.logs", "logs"),
                Map.copyOf(frameworkOverrides));
    }

    private static void checkReadable(Path etc) throws LaunchException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(etc)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new LaunchException(LaunchException.BAD_CONFIGURATION, "cannot list " + etc + ": " + e.getMessage());
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new LaunchException(LaunchException.BAD_CONFIGURATION,
                        "configuration file " + file + " is not readable (check its permissions)");
            }
        }
    }

    private static Properties read(Path file, boolean required) throws LaunchException {
        if (!Files.exists(file)) {
            if (required) {
                throw new LaunchException(LaunchException.BAD_CONFIGURATION, "configuration file " + file + " is missing");
            }
            return new Properties();
        }
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException(LaunchException.BAD_CONFIGURATION, "cannot read " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private static int port(String fromEnvironment, String variable, String fromFile, Path file) throws LaunchException {
        String raw = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.trim() : fromFile.trim();
        String origin = fromEnvironment != null && !fromEnvironment.isBlank()
                ? "environment variable " + variable : "switchboard.http.port in " + file;
        try {
            int port = Integer.parseInt(raw);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException(LaunchException.BAD_CONFIGURATION,
                    "HTTP port '" + raw + "' from " + origin + " is not a number between 1 and 65535");
        }
    }

    private static Path folder(Path home, Properties settings, String key, String fallback) {
        return home.resolve(settings.getProperty(key, fallback).trim()).normalize().toAbsolutePath();
    }
}
