package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.itests.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/sbf} against the packaged distribution: the walk-through of docs/cli.md runs as written (init, login, local
 * run, push, deploy, remote run, logs, metrics, pull); a remote and a local run give the same answer; a project written
 * as LivePerson's {@code lpf} V1 makes it is pushed unchanged; pull round-trips; a push shows its diff and is not made
 * without a yes; the API's problem detail reaches the user with exit code 3.
 */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNewDeveloperGoesFromInitToADeployedInvokedLoggedFunction() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        Path work = Path.of(System.getProperty("switchboard.itest.work"), "cli");
        try (Installation installation = Installation.copy(work)) {
            installation.usePostgresWhenTheRunIsForIt();
            // No admin key configured: the platform generates data/admin.key, which docs/cli.md reads.
            Installation.Result started = installation.run("start", Map.of(), Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
            Path config = Files.createTempDirectory(installation.home, "xdg-");
            Path project = Files.createTempDirectory(installation.home, "project-");

            String walkThrough = runDocument(installation, config, project);
            assertThat(walkThrough).contains("logged in to").contains("OK in").contains("created hello").contains("PRODUCTIVE");
            Sbf sbf = new Sbf(installation, config, project);

            JsonNode remote = sbf.json("invoke", "hello");
            JsonNode local = sbf.json("invoke", "hello", "--local");
            assertSameRun(remote, local);
            assertThat(messages(local)).isNotEmpty();

            Poll.until("the invocation's logs are listed", Duration.ofSeconds(30),
                    () -> sbf.quietly("logs", "hello", "--since", "10m", "-o", "json").contains("payload fields"));

            metricsCountWhatRan(sbf);
            followShowsNewLogLines(sbf);

            Path config1 = project.resolve("functions/hello/config.json");
            String codeBefore = Files.readString(project.resolve("functions/hello/index.js"));
            JsonNode configBefore = JSON.readTree(config1.toFile());
            assertThat(sbf.run("", "pull", "hello", "-y").exitCode).isZero();
            assertThat(Files.readString(project.resolve("functions/hello/index.js"))).isEqualTo(codeBefore);
            JsonNode configAfter = JSON.readTree(config1.toFile());
            assertThat(configAfter.path("input")).isEqualTo(configBefore.path("input"));
            assertThat(configAfter.path("environmentVariables")).isEqualTo(configBefore.path("environmentVariables"));

            lpfV1ProjectIsPushedUnchanged(sbf, project);
            pushShowsItsDiffAndNeedsAYes(sbf, project);

            shippedTemplatesRunAlikeLocallyAndOnTheServer(sbf);

            Run missing = sbf.run("", "rollback", "hello", "99");
            assertThat(missing.exitCode).as(missing.out + missing.err).isEqualTo(3);
            assertThat(missing.err).contains("\"status\" : 404").contains("urn:switchboard:problem:not-found");
        }
    }

    /**
     * {@code sbf metrics} shows the server's report: three more successful runs add exactly three to SUCCEEDED, nothing to
     * the failure states, and the CSV's buckets add up to the same totals.
     */
    private static void metricsCountWhatRan(Sbf sbf) throws Exception {
        JsonNode before = sbf.json("metrics", "hello", "--range", "1h");
        assertThat(before.path("range").asText()).isEqualTo("1h");
        assertThat(before.path("buckets")).hasSize(60);
        long succeeded = before.at("/totals/SUCCEEDED").asLong();
        assertThat(succeeded).as(before.toString()).isGreaterThanOrEqualTo(2);
        for (int i = 0; i < 3; i++) {
            assertThat(sbf.run("", "invoke", "hello").exitCode).isZero();
        }
        Poll.until("the report counts the three runs", Duration.ofSeconds(30),
                () -> succeededInTheLastHour(sbf) >= succeeded + 3);
        JsonNode after = sbf.json("metrics", "hello", "--range", "1h");
        assertThat(after.at("/totals/SUCCEEDED").asLong()).as(after.toString()).isEqualTo(succeeded + 3);
        for (String failure : List.of("CODING_FAILURE", "TIMEOUT", "PLATFORM_FAILURE", "UNKNOWN")) {
            assertThat(after.at("/totals/" + failure).asLong()).as(failure).isEqualTo(before.at("/totals/" + failure).asLong());
        }
        assertThat(after.at("/durations/count").asLong()).isEqualTo(after.at("/totals/SUCCEEDED").asLong()
                + after.at("/totals/CODING_FAILURE").asLong() + after.at("/totals/TIMEOUT").asLong()
                + after.at("/totals/PLATFORM_FAILURE").asLong() + after.at("/totals/UNKNOWN").asLong());

        Run csv = sbf.run("", "metrics", "hello", "--range", "1h", "-o", "csv");
        List<String> lines = csv.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("start,invocations,succeeded,coding_failure,timeout,platform_failure,unknown,p50_ms,p95_ms,p99_ms,max_ms");
        assertThat(lines).hasSize(61);
        long csvSucceeded = lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",", -1)[2])).sum();
        assertThat(csvSucceeded).as(csv.out).isEqualTo(succeeded + 3);

        Run table = sbf.run("", "metrics", "hello", "--range", "1h");
        assertThat(table.out).contains("SUCCEEDED").contains("CODING_FAILURE").containsPattern("TOTAL +" + (succeeded + 3) + " +" + (succeeded + 3) + " ");

        Run badRange = sbf.run("", "metrics", "hello", "--range", "1d");
        assertThat(badRange.exitCode).isEqualTo(2);
        assertThat(badRange.err).contains("1h, 24h, 7d, 30d");
    }

    private static long succeededInTheLastHour(Sbf sbf) {
        try {
            return JSON.readTree(sbf.quietly("metrics", "hello", "--range", "1h", "-o", "json")).at("/totals/SUCCEEDED").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code sbf logs --follow} prints the lines of an invocation made after it started. */
    private static void followShowsNewLogLines(Sbf sbf) throws Exception {
        Path out = Files.createTempFile(sbf.installation().home, "follow-", ".out");
        ProcessBuilder builder = new ProcessBuilder(sbf.installation().home.resolve("bin/sbf").toString(), "logs", "hello", "--follow",
                "--since", "1s", "--interval", "1", "-o", "json").directory(sbf.project().toFile()).redirectOutput(out.toFile())
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", sbf.config().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process follow = builder.start();
        try {
            Poll.until("sbf logs --follow prints the new invocation's line", Duration.ofSeconds(60), () -> {
                try {
                    sbf.run("", "invoke", "hello");
                    return Files.readString(out).contains("payload fields");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            follow.destroy();
            follow.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The event templates of the catalogue (LivePerson's templates, which need no secret, host or variable), made into
     * project functions with their event's sample as input, give the same answer locally and as a server test run.
     */
    private static void shippedTemplatesRunAlikeLocallyAndOnTheServer(Sbf sbf) throws Exception {
        List<String> candidates = new ArrayList<>();
        for (JsonNode template : sbf.json("get", "templates")) {
            boolean needsNothing = template.path("requiredSecrets").isEmpty() && template.path("requiredDomains").isEmpty()
                    && template.path("requiredEnv").isEmpty();
            if (needsNothing && template.path("defaultForEvent").asBoolean()) {
                candidates.add(template.path("id").asText());
            }
        }
        assertThat(candidates).as("event templates in the catalogue").hasSizeGreaterThanOrEqualTo(10);
        // Every fourth, across the event families: each pair of runs starts two JVMs, and all 16 took 6 minutes on 2 busy cores.
        List<String> made = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i += 4) {
            String name = "tpl_" + made.size();
            Run created = sbf.run("", "create:function", "-n", name, "-t", candidates.get(i));
            assertThat(created.exitCode).as(created.out + created.err).isZero();
            made.add(name);
        }
        List<String> push = new ArrayList<>(List.of("push", "-y"));
        push.addAll(made);
        Run pushed = sbf.run("", push.toArray(String[]::new));
        assertThat(pushed.exitCode).as(pushed.out + pushed.err).isZero();
        for (String name : made) {
            JsonNode config = JSON.readTree(sbf.project().resolve("functions/" + name + "/config.json").toFile());
            assertThat(config.path("input").path("payload").isEmpty()).as("%s has its event's sample as input", name).isFalse();
            assertSameRun(sbf.answer("invoke", name, "--draft"), sbf.answer("invoke", name, "--local"));
        }
    }

    private static void assertSameRun(JsonNode remote, JsonNode local) {
        assertThat(local.path("outcome")).isEqualTo(remote.path("outcome"));
        assertThat(local.path("result")).as("local %s, remote %s", local, remote).isEqualTo(remote.path("result"));
        assertThat(messages(local)).isEqualTo(messages(remote));
    }

    private static List<String> messages(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        answer.path("logs").forEach(l -> lines.add(l.path("level").asText() + " " + l.path("message").asText() + " " + l.path("extras")));
        return lines;
    }

    /** A function folder exactly as lpf V1 writes it: callback style, environmentVariables as a list. */
    private static void lpfV1ProjectIsPushedUnchanged(Sbf sbf, Path project) throws Exception {
        Path fn = Files.createDirectories(project.resolve("functions/lpfV1"));
        Files.writeString(fn.resolve("index.js"), """
                function lambda(input, callback) {
                  const _ = require('lodash');
                  console.info('v1 call', input.payload.who);
                  callback(null, {greeting: _.capitalize(process.env.GREETING) + ', ' + input.payload.who});
                }
                """);
        String config = """
                {
                  "name": "lpfV1",
                  "event": "No Event",
                  "description": "written as lpf init makes it",
                  "input": {"headers": [{"key": "X-Source", "value": "cli"}], "payload": {"who": "Ada"}},
                  "environmentVariables": [{"key": "GREETING", "value": "hello"}]
                }
                """;
        Files.writeString(fn.resolve("config.json"), config);
        assertThat(sbf.run("", "push", "lpfV1", "-y").exitCode).isZero();
        assertThat(sbf.run("", "deploy", "lpfV1").exitCode).isZero();
        JsonNode remote = sbf.json("invoke", "lpfV1");
        assertThat(remote.at("/result/greeting").asText()).isEqualTo("Hello, Ada");
        assertSameRun(remote, sbf.json("invoke", "lpfV1", "--local"));
        assertThat(Files.readString(fn.resolve("config.json"))).as("push leaves the project as it was").isEqualTo(config);
        assertThat(sbf.run("", "pull", "lpfV1", "-y").exitCode).isZero();
        assertThat(JSON.readTree(fn.resolve("config.json").toFile()).path("environmentVariables"))
                .as("pull keeps V1's list form").isEqualTo(JSON.readTree("[{\"key\": \"GREETING\", \"value\": \"hello\"}]"));
    }

    private static void pushShowsItsDiffAndNeedsAYes(Sbf sbf, Path project) throws Exception {
        Path code = project.resolve("functions/hello/index.js");
        Files.writeString(code, Files.readString(code).replace("received", "got"));
        Run refused = sbf.run("n\n", "push", "hello");
        assertThat(refused.exitCode).as(refused.out).isEqualTo(6);
        assertThat(refused.out).contains("+   return { got: input.payload };").contains("-   return { received: input.payload };");
        JsonNode function = sbf.json("get", "functions");
        assertThat(function.toString()).contains("\"state\":\"PRODUCTIVE\"");
        Run accepted = sbf.run("y\n", "push", "hello");
        assertThat(accepted.exitCode).as(accepted.out).isZero();
        assertThat(sbf.json("get", "functions").toString()).contains("\"state\":\"MODIFIED\"");
    }

    /** Runs the sh blocks of docs/cli.md in one bash in the installation's folder, with its bin/ on PATH. */
    private static String runDocument(Installation installation, Path config, Path project) throws Exception {
        List<String> blocks = DocExamples.shellBlocks(DocExamples.docs().resolve("cli.md"), null);
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
        String script = "set -euo pipefail\n" + String.join("\n", blocks)
                .replace("http://localhost:8181", "http://127.0.0.1:" + installation.port).replace("/tmp/sbf-demo", project.toString());
        Path file = Files.createTempFile(installation.home, "cli-doc-", ".sh");
        Files.writeString(file, script);
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(installation.home.toFile()).redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", config.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process bash = builder.start();
        bash.getOutputStream().close();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("the examples of docs/cli.md:\n" + output).isZero();
        return output;
    }

    /** What one sbf command printed (stdout and stderr) and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    /** bin/sbf of the installation, with its own config folder, run in the project. */
    record Sbf(Installation installation, Path config, Path project) {
        Run run(String stdin, String... args) throws IOException, InterruptedException {
            List<String> line = new ArrayList<>(List.of(installation.home.resolve("bin/sbf").toString()));
            line.addAll(List.of(args));
            Path err = Files.createTempFile(installation.home, "sbf-", ".err");
            ProcessBuilder builder = new ProcessBuilder(line).directory(project.toFile()).redirectError(err.toFile());
            builder.environment().put("XDG_CONFIG_HOME", config.toString());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process process = builder.start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sbf " + String.join(" ", args) + " did not end within 120 s");
            }
            return new Run(process.exitValue(), out, Files.readString(err));
        }

        JsonNode json(String... args) throws IOException, InterruptedException {
            List<String> withJson = new ArrayList<>(List.of(args));
            withJson.addAll(List.of("-o", "json"));
            Run run = run("", withJson.toArray(String[]::new));
            assertThat(run.exitCode).as("sbf %s: %s %s", String.join(" ", args), run.out, run.err).isZero();
            return JSON.readTree(run.out);
        }

        /** An invocation's answer, whatever its outcome (exit code 1 for a failed run, as documented). */
        JsonNode answer(String... args) throws IOException, InterruptedException {
            List<String> withJson = new ArrayList<>(List.of(args));
            withJson.addAll(List.of("-o", "json"));
            Run run = run("", withJson.toArray(String[]::new));
            JsonNode answer = JSON.readTree(run.out);
            assertThat(run.exitCode).as("sbf %s: %s %s", String.join(" ", args), run.out, run.err)
                    .isEqualTo("OK".equals(answer.path("outcome").asText()) ? 0 : 1);
            return answer;
        }

        String quietly(String... args) {
            try {
                return run("", args).out;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
