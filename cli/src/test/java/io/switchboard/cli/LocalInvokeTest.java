package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sbf invoke --local} in the server's executor: input, environment, secrets, toolbelt, sandbox and failures. */
class LocalInvokeTest {
    @TempDir
    Path dir;

    private void function(String name, String code, String config) throws Exception {
        Path fn = Files.createDirectories(dir.resolve("functions").resolve(name));
        Files.writeString(fn.resolve("index.js"), code);
        Files.writeString(fn.resolve("config.json"), config);
    }

    @Test
    void aV1FunctionReadsItsInputEnvironmentAndALocalSecretThroughTheToolbelt() throws Exception {
        Files.createDirectories(dir.resolve("functions"));
        Files.writeString(dir.resolve("functions/settings.json"), "{\"secrets\": [{\"key\": \"crm-token\", \"value\": \"s3cr3t\"}], \"whitelist\": []}");
        function("greeter", """
                const { Toolbelt } = require('lp-faas-toolbelt');
                const _ = require('lodash');
                function lambda(input, callback) {
                  console.info('greeting', input.payload.name);
                  Toolbelt.SecretClient().readSecret('crm-token')
                    .then(s => callback(null, {text: 'hi ' + input.payload.name, who: process.env.WHO, secret: s.value,
                                               brand: process.env.BRAND_ID, header: input.headers[0].value, up: _.toUpper('x')}))
                    .catch(e => callback(e));
                }
                """, """
                {"name": "greeter", "event": "No Event", "description": "",
                 "input": {"headers": [{"key": "X-Id", "value": "r-1"}], "payload": {"name": "Ada"}},
                 "environmentVariables": [{"key": "WHO", "value": "world"}]}
                """);
        CliRun run = CliRun.run(dir, dir.resolve("cfg"), "", "invoke", "greeter", "--local", "-o", "json");
        assertThat(run.exitCode).as(run.err).isZero();
        JsonNode answer = Json.parse(run.out);
        assertThat(answer.path("outcome").asText()).isEqualTo("OK");
        assertThat(answer.path("result")).isEqualTo(Json.parse(
                "{\"text\":\"hi Ada\",\"who\":\"world\",\"secret\":\"s3cr3t\",\"brand\":\"local\",\"header\":\"r-1\",\"up\":\"X\"}"));
        assertThat(answer.path("logs").get(0).path("message").asText()).isEqualTo("greeting");
        assertThat(answer.path("logs").get(0).path("extras").get(0).asText()).isEqualTo("Ada");
    }

    @Test
    void theSandboxAndItsTimeLimitAreTheServers() throws Exception {
        function("looper", "async function lambda(input) { for (;;) {} }\n", """
                {"name": "looper", "event": "No Event", "input": {"headers": [], "payload": {}}, "environmentVariables": {}, "timeoutMs": 300}
                """);
        function("escaper", "async function lambda(input) { return typeof Java + '/' + typeof Polyglot; }\n", """
                {"name": "escaper", "event": "No Event", "input": {"headers": [], "payload": {}}, "environmentVariables": {}}
                """);
        CliRun loop = CliRun.run(dir, dir.resolve("cfg"), "", "invoke", "looper", "--local", "-o", "json");
        assertThat(loop.exitCode).isEqualTo(ExitCode.FUNCTION_FAILED);
        assertThat(Json.parse(loop.out).path("outcome").asText()).isEqualTo("TIMEOUT");
        CliRun escape = CliRun.run(dir, dir.resolve("cfg"), "", "invoke", "escaper", "--local", "-o", "json");
        assertThat(Json.parse(escape.out).path("result").asText()).isEqualTo("undefined/undefined");
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedAsOnTheServer() throws Exception {
        function("caller", """
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda(input) {
                  try { await Toolbelt.HTTPClient()('https://not-allowed.example.com/'); return 'reached'; }
                  catch (e) { return 'refused'; }
                }
                """, """
                {"name": "caller", "event": "No Event", "input": {"headers": [], "payload": {}}, "environmentVariables": {}}
                """);
        CliRun run = CliRun.run(dir, dir.resolve("cfg"), "", "invoke", "caller", "--local", "-o", "json");
        assertThat(Json.parse(run.out).path("result").asText()).as(run.out + run.err).isEqualTo("refused");
    }

    @Test
    void everyToolbeltModuleOfTheServerIsThereLocally() throws Exception {
        function("modules", """
                const { Toolbelt } = require('lp-faas-toolbelt');
                async function lambda(input) {
                  return ['HTTPClient', 'LpClient', 'MTLSClient', 'CsdsClient', 'LPMtlsClient', 'OrchestratorClient', 'SecretClient',
                          'ContextServiceClient', 'ConversationUtil', 'GDPRUtil', 'SDEUtil', 'SFClient']
                    .filter(name => typeof Toolbelt[name] !== 'function');
                }
                """, """
                {"name": "modules", "event": "No Event", "input": {"headers": [], "payload": {}}, "environmentVariables": {}}
                """);
        CliRun run = CliRun.run(dir, dir.resolve("cfg"), "", "invoke", "modules", "--local", "-o", "json");
        assertThat(Json.parse(run.out).path("result").toString()).as(run.out + run.err).isEqualTo("[]");
    }
}
