package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What was created and deployed survives kill -9 of the whole platform and a restart. */
class PersistenceIT {

    private static final String ADMIN_KEY = "persistence-admin-key-0123456789";

    @Test
    void functionsVersionsAndInvocationRecordsSurviveKillMinus9() throws Exception {
        try (Installation installation = Installation.copy(java.nio.file.Path.of(System.getProperty("switchboard.itest.work"), "persistence"))) {
            Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY);
            assertThat(installation.run("start", environment, Duration.ofSeconds(120)).exitCode()).isZero();
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            String code = "function lambda(input, callback) { callback(null, {echo: input.payload.n * 2}); }";
            Api.Answer created = api.post("/accounts/acme/functions", "{\"name\":\"doubler\",\"code\":" + Api.quote(code) + "}");
            String id = created.text("/id");
            assertThat(api.post("/accounts/acme/functions/" + id + "/deploy", null).text("/state")).isEqualTo("PRODUCTIVE");
            assertThat(api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\":{\"n\":21}}").body().at("/result/echo").asInt()).isEqualTo(42);
            assertThat(api.post("/accounts/acme/secrets", "{\"name\":\"token\",\"value\":\"s3cr3t-value\"}").status()).isEqualTo(201);
            // A SYNC reply does not wait for its record (written behind, bundles/core/README.md): a kill -9 within
            // milliseconds of the reply may lose it. A read waits for the records queued before it, so after this one the
            // run's record is committed, and that is what must survive.
            assertThat(api.get("/accounts/acme/functions/" + id + "/invocations").body().at("/total").asInt()).isEqualTo(1);

            ProcessHandle platform = ProcessHandle.of(installation.pid()).orElseThrow();
            platform.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
            platform.onExit().get();
            assertThat(installation.run("start", environment, Duration.ofSeconds(120)).exitCode()).isZero();

            Api.Answer function = api.get("/accounts/acme/functions/" + id);
            assertThat(function.text("/state")).isEqualTo("PRODUCTIVE");
            assertThat(function.body().at("/deployedVersion").asInt()).isEqualTo(1);
            assertThat(api.post("/accounts/acme/functions/" + id + "/invoke", "{\"payload\":{\"n\":5}}").body().at("/result/echo").asInt()).isEqualTo(10);
            assertThat(api.get("/accounts/acme/functions/" + id + "/invocations").body().at("/total").asInt()).isEqualTo(2);
            Api.Answer secret = api.get("/accounts/acme/secrets/token");
            assertThat(secret.status()).isEqualTo(200);
            assertThat(secret.body().toString()).doesNotContain("s3cr3t-value");
        }
    }
}
