package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of docs/api.md, run in order by bash against the packaged installation, as a reader would run them
 * (with {@code KEY} the admin key, from the installation folder): every example must run to its end, none may meet an
 * internal error, and the examples whose answer the text states print it.
 */
class ApiDocsExamplesIT {

    private static final Path WORK = Path.of(System.getProperty("switchboard.itest.work"), "api-docs");
    private static final Path API_DOCS = Path.of(System.getProperty("user.dir")).resolve("../docs/api.md").normalize();
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyCurlExampleOfTheApiDocsRunsAgainstTheDistribution() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = SH_BLOCK.matcher(Files.readString(API_DOCS));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        assertThat(blocks).as("examples in " + API_DOCS).hasSizeGreaterThan(30);
        try (Installation installation = Installation.copy(WORK)) {
            assertThat(installation.run("start").exitCode()).isZero();
            Map<Integer, String> outputs = run(installation, blocks);

            for (int i = 0; i < blocks.size(); i++) {
                String output = outputs.getOrDefault(i, "(did not end)");
                assertThat(output).as("example %d:%n%s", i, blocks.get(i)).startsWith("0\n").doesNotContain("internal-error");
            }
            assertThat(outputOf(blocks, outputs, "NEWKEY=$(")).as("the issued key works").isEqualTo("200");
            assertThat(outputOf(blocks, outputs, "\"revokeOthers\": true")).as("revoked by the rotation").isEqualTo("401");
            assertThat(outputOf(blocks, outputs, "keys/$(echo")).as("the revocation").isEqualTo("204");
            assertThat(outputOf(blocks, outputs, "/template-rejections")).isEqualTo("{\"items\":[]}");
            assertThat(outputOf(blocks, outputs, "/invoke-draft")).as("a draft run is version 0").isEqualTo("0");
            assertThat(outputOf(blocks, outputs, "text=ada")).as("the search's total").matches("[1-9][0-9]*");
            assertThat(outputOf(blocks, outputs, "outcome=FINE")).as("an unknown filter value").isEqualTo("400");
            assertThat(outputOf(blocks, outputs, "Accept: text/csv")).as("the CSV header row")
                    .isEqualTo("id,functionId,version,eventType,trigger,startedAt,durationMs,outcome,state,errorCode,errorMessage,result,logs");
            assertThat(outputOf(blocks, outputs, "format=ndjson")).as("a JSON line").isEqualTo("OK");
            assertThat(outputOf(blocks, outputs, "/report?range=1h")).as("the hour report")
                    .isEqualTo("{\"range\":\"1h\",\"bucketSeconds\":60,\"buckets\":60,\"succeeded\":true}");
            assertThat(outputOf(blocks, outputs, "/logs/stream")).as("the recorded runs, streamed").isEqualTo("event: invocation");
        }
    }

    /** Runs every block in one shell (examples reuse variables), each followed by a marker with its exit code. */
    private static Map<Integer, String> run(Installation installation, List<String> blocks) throws Exception {
        StringBuilder script = new StringBuilder("cd '" + installation.home + "'\nexport KEY=$(cat data/admin.key)\n");
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i).replace("localhost:8181", "127.0.0.1:" + installation.port);
            if (block.startsWith("export KEY=...")) {
                block = "true"; // the placeholder of the docs; KEY is set above
            }
            script.append("echo '::begin ").append(i).append("'\n").append(block).append("\necho \"::end ").append(i).append(" $?\"\n");
        }
        Path file = Files.writeString(installation.home.resolve("api-docs-examples.sh"), script);
        Path output = installation.home.resolve("api-docs-examples.out");
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(bash.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS)).as("the examples end").isTrue();
        Map<Integer, String> outputs = new LinkedHashMap<>();
        Matcher each = Pattern.compile("::begin (\\d+)\n(.*?)::end \\1 (\\d+)\n", Pattern.DOTALL).matcher(Files.readString(output));
        while (each.find()) {
            outputs.put(Integer.parseInt(each.group(1)), each.group(3) + "\n" + each.group(2));
        }
        return outputs;
    }

    /** What the example containing the text printed (without its exit code), stripped. */
    private static String outputOf(List<String> blocks, Map<Integer, String> outputs, String containing) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).contains(containing)) {
                String output = outputs.get(i);
                return output.substring(output.indexOf('\n') + 1).strip();
            }
        }
        throw new AssertionError("no example contains " + containing);
    }
}
