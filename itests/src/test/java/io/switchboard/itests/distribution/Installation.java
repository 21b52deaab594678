package io.switchboard.itests.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A private copy of the built distribution, driven through bin/switchboard like an operator would (also used by the security suite). */
public final class Installation implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public final Path home;
    public final int port;

    private Installation(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Copies the distribution into a fresh folder (data and logs empty) and picks a free port. */
    public static Installation copy(Path parent) throws IOException {
        Path source = Path.of(System.getProperty("switchboard.distribution.dir"));
        Path home = Files.createTempDirectory(Files.createDirectories(parent), "installation-");
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = source.relativize(dir).toString();
                if (name.equals("data") || name.equals("logs")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(home.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, home.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Installation(home, socket.getLocalPort());
        }
    }

    /**
     * In the build's PostgreSQL run ({@link io.switchboard.itests.TestPostgres}), points the installation at a fresh
     * PostgreSQL schema through {@code etc/io.switchboard.core.db.cfg}, as an operator would; on H2 it does nothing.
     * Returns whether it did.
     */
    boolean usePostgresWhenTheRunIsForIt() throws IOException {
        if (!io.switchboard.itests.TestPostgres.enabled()) {
            return false;
        }
        Files.writeString(home.resolve("etc/io.switchboard.core.db.cfg"),
                io.switchboard.itests.TestPostgres.coreDbCfg(io.switchboard.itests.TestPostgres.newSchemaUrl()));
        return true;
    }

    /** Runs {@code bin/switchboard <command>} and returns its exit code and output. */
    public Result run(String command, Map<String, String> environment, Duration timeout) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(home.resolve("bin/switchboard").toString(), command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        Path output = Files.createTempFile(home, "command-", ".out");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/switchboard " + command + " did not end within " + timeout);
        }
        return new Result(process.exitValue(), Files.readString(output));
    }

    /** Starts {@code bin/switchboard <command>} (e.g. {@code run}, in the foreground) without waiting; output to a file. */
    public Process launch(String command, Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/switchboard").toString(), command).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        return builder.redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }

    public Result run(String command) throws IOException, InterruptedException {
        return run(command, Map.of(), Duration.ofSeconds(120));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The pid of the background instance, from data/switchboard.pid. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("data/switchboard.pid")).strip());
    }

    public String log() {
        try {
            Path log = home.resolve("logs/switchboard.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether /health answers 200 (false while it answers otherwise or not at all). */
    public boolean healthy() {
        try {
            return get("/health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Live threads of the background instance, from {@code /proc/<pid>/status} (Linux). */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).strip());
            }
        }
        throw new IllegalStateException("No Threads: line in /proc/" + pid() + "/status");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop");
    }

    /** What a command printed and how it ended. */
    public record Result(int exitCode, String output) {
    }
}
