package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import io.switchboard.itests.security.DocumentedExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The invocation record policy of docs/operations.md, written into etc/ of the packaged installation: failed runs and
 * runs that logged keep their records, quiet successful runs only a sample, the report counts every run; a changed
 * file applies live.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordPolicyIT {

    private static final String ADMIN_KEY = "record-policy-admin-key-0123456789";
    private static final String POLICY_FILE = "etc/io.switchboard.core.recordpolicy.cfg";

    private static Installation installation;
    private static Api api;

    @BeforeAll
    static void startWithTheDocumentedPolicy() throws Exception {
        installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "record-policy"));
        String config = DocumentedExamples.of("operations.md").configs().get(POLICY_FILE);
        assertThat(config).as(POLICY_FILE + " in docs/operations.md").contains("policy = FAILURES_LOGGED_SAMPLE", "sampleRate = 0.01");
        Files.writeString(installation.home.resolve(POLICY_FILE), config);
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
    }

    private static String deploy(String name, String code) {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": " + Api.quote(name) + ", \"code\": " + Api.quote(code) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).status()).isEqualTo(200);
        return id;
    }

    private static Api.Answer invoke(String id) {
        return api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\": {\"name\": \"Ada\"}}");
    }

    private static long records(String id) {
        return api.get("/accounts/acme/functions/" + id + "/invocations").body().path("total").asLong();
    }

    @Test
    @Order(1)
    void failuresAndRunsThatLoggedKeepTheirRecordsQuietRunsASampleAndTheReportCountsEveryRun() {
        String quiet = deploy("quiet", "async function lambda(input) { return 'hello ' + input.payload.name; }");
        String chatty = deploy("chatty", "async function lambda(input) { console.info('greeting ' + input.payload.name); return 'hi'; }");
        String failing = deploy("failing", "async function lambda(input) { throw new Error('boom'); }");
        for (int i = 0; i < 40; i++) {
            assertThat(invoke(quiet).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(invoke(chatty).status()).isEqualTo(200);
            invoke(failing);
        }

        // A sample of 1 %: all 40 quiet runs kept would be a chance of 1e-80, i.e. the policy not applied.
        assertThat(records(quiet)).isLessThan(40);
        assertThat(records(chatty)).isEqualTo(3);
        assertThat(records(failing)).isEqualTo(3);
        assertThat(api.get("/accounts/acme/functions/" + quiet + "/report?range=1h").body().at("/totals/SUCCEEDED").asLong())
                .as("the report counts every run, recorded or not").isEqualTo(40);
    }

    @Test
    @Order(2)
    void aChangedPolicyAppliesLiveWithoutARestart() throws Exception {
        String quiet = deploy("quiet-later", "async function lambda(input) { return 1; }");
        Files.writeString(installation.home.resolve(POLICY_FILE), "policy = ALL\n");
        // The file is picked up by the configuration watcher within seconds; from then on every quiet run is recorded.
        Poll.until("a quiet run's record is kept under policy ALL", Duration.ofSeconds(60), () -> {
            String invocation = invoke(quiet).text("/invocationId");
            return api.get("/accounts/acme/invocations/" + invocation).status() == 200;
        });
        long before = records(quiet);
        for (int i = 0; i < 5; i++) {
            assertThat(invoke(quiet).status()).isEqualTo(200);
        }
        assertThat(records(quiet)).isEqualTo(before + 5);
    }
}
