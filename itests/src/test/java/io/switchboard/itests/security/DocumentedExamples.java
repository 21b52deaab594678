package io.switchboard.itests.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The examples of a document that a test runs: a fenced block right after an HTML comment {@code <!-- example: name -->}
 * (a shell script whose trailing {@code # } lines are the output it must print) or {@code <!-- config: etc/<file> -->}
 * (a file the test writes into the installation's {@code etc/}).
 */
public final class DocumentedExamples {

    /** A shell example: its script and the lines it must print, in order. */
    public record Example(String name, String script, List<String> expected) {
    }

    /** What a script printed and how it ended. */
    public record Run(int exitCode, String output) {
    }

    private final Map<String, Example> examples = new LinkedHashMap<>();
    private final Map<String, String> configs = new LinkedHashMap<>();

    private DocumentedExamples() {
    }

    /** The marked examples of a document under the repository's {@code docs/}. */
    public static DocumentedExamples of(String document) throws IOException {
        Path path = Path.of(System.getProperty("user.dir")).resolve("../docs").resolve(document).normalize();
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        DocumentedExamples found = new DocumentedExamples();
        for (int i = 0; i < lines.size() - 1; i++) {
            String marker = lines.get(i).strip();
            if (!marker.startsWith("<!-- ") || !marker.endsWith(" -->") || !lines.get(i + 1).startsWith("```")) {
                continue;
            }
            String[] kindAndName = marker.substring(5, marker.length() - 4).strip().split(":\\s*", 2);
            List<String> block = new ArrayList<>();
            for (int j = i + 2; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                block.add(lines.get(j));
            }
            if (kindAndName[0].equals("example")) {
                found.examples.put(kindAndName[1], example(kindAndName[1], block));
            } else if (kindAndName[0].equals("config")) {
                found.configs.put(kindAndName[1], String.join("\n", block) + "\n");
            }
        }
        return found;
    }

    private static Example example(String name, List<String> block) {
        int end = block.size();
        while (end > 0 && block.get(end - 1).startsWith("# ")) {
            end--;
        }
        List<String> expected = block.subList(end, block.size()).stream().map(line -> line.substring(2).strip()).toList();
        return new Example(name, String.join("\n", block.subList(0, end)), expected);
    }

    public Example example(String name) {
        Example example = examples.get(name);
        if (example == null) {
            throw new AssertionError("No example '" + name + "' (<!-- example: " + name + " --> before a fenced block); found " + examples.keySet());
        }
        return example;
    }

    /** The config blocks by their target file (relative to the installation, e.g. {@code etc/x.cfg}). */
    public Map<String, String> configs() {
        return configs;
    }

    /**
     * Runs the example with bash against the installation's port (the documents say {@code localhost:8181}), with the
     * given environment, e.g. {@code KEY}.
     */
    public static Run run(Example example, int port, Map<String, String> environment) throws IOException, InterruptedException {
        String script = "set -euo pipefail\n" + example.script().replace("localhost:8181", "127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Example " + example.name() + " did not end within 60 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
