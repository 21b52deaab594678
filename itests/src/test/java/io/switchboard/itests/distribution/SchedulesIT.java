package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.itests.Api;
import io.switchboard.itests.TestPostgres;
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
 * Schedules on the packaged distribution (H2, and PostgreSQL in the PostgreSQL run): a schedule fires through the
 * scheduler and its invocation is recorded with trigger SCHEDULE; the curl examples of docs/schedules.md and of the
 * schedules section of docs/api.md run as written; bad schedules are refused naming the field.
 */
class SchedulesIT {

    private static final String ADMIN_KEY = "schedules-admin-key-0123456789";

    @Test
    void aScheduleFiresOnItsCronAndTheDocumentedExamplesRunAsWritten() throws Exception {
        Assumptions.assumeTrue(TestPostgres.skipReason().isEmpty(), () -> TestPostgres.skipReason().orElse(""));
        Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY);
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "schedules"))) {
            installation.usePostgresWhenTheRunIsForIt();
            // Looks for due firings every half second instead of every 5 s, so the firing below is not late.
            Files.writeString(installation.home.resolve("etc/io.switchboard.core.schedules.cfg"), "pollingIntervalMillis = 500\n");
            Installation.Result started = installation.run("start", environment, Duration.ofSeconds(120));
            assertThat(started.exitCode()).as(started.output()).isZero();
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);

            String function = deploy(api, "minutely", "async function lambda(input) { return {kind: input.payload.kind}; }");
            Api.Answer created = api.post("/accounts/acme/schedules", "{\"functionUuid\":\"" + function + "\",\"cronExpression\":\"* * * * *\","
                    + "\"invocationBody\":{\"payload\":{\"kind\":\"minutely\"}}}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            String schedule = "/accounts/acme/schedules/" + created.text("/id");
            Poll.until("the schedule fired (within its minute)", Duration.ofSeconds(90),
                    () -> api.get(schedule).body().hasNonNull("lastExecution"));
            JsonNode fired = api.get(schedule).body();
            assertThat(fired.path("didLastExecutionFail").asBoolean(true)).as(fired.toString()).isFalse();
            JsonNode record = api.get("/accounts/acme/functions/" + function + "/invocations/" + fired.path("lastInvocationId").asText()).body();
            assertThat(record.path("trigger").asText()).as(record.toString()).isEqualTo("SCHEDULE");
            assertThat(record.at("/result/kind").asText()).isEqualTo("minutely");

            Api.Answer tooOften = api.post("/accounts/acme/schedules", "{\"functionUuid\":\"" + function
                    + "\",\"cronExpression\":\"*/30 * * * * *\"}");
            assertThat(tooOften.status()).isEqualTo(400);
            assertThat(tooOften.body().at("/errors/0/field").asText()).isEqualTo("/cronExpression");
            assertThat(api.post("/accounts/acme/functions/" + function + "/undeploy", null).status()).isEqualTo(200);
            assertThat(api.get(schedule).status()).as("the function's schedule went with its deployment").isEqualTo(404);

            String output = runExamples(installation);
            assertThat(output).contains("false").contains("report");
        }
    }

    private static String deploy(Api api, String name, String code) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\":\"" + name + "\",\"code\":" + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    /** Runs the documents' sh blocks in one bash (so that FN and SCHEDULE carry over), failing on the first error. */
    private static String runExamples(Installation installation) throws Exception {
        List<String> blocks = new ArrayList<>(DocExamples.shellBlocks(DocExamples.docs().resolve("schedules.md"), null));
        blocks.addAll(DocExamples.shellBlocks(DocExamples.docs().resolve("api.md"), "Schedules"));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        String script = "set -euo pipefail\nexport KEY=" + ADMIN_KEY + "\n"
                + String.join("\n", blocks).replace("http://localhost:8181", "http://127.0.0.1:" + installation.port);
        Path file = Files.createTempFile(installation.home, "schedules-examples-", ".sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("the examples of docs/schedules.md and docs/api.md#schedules:\n" + output).isZero();
        return output;
    }
}
