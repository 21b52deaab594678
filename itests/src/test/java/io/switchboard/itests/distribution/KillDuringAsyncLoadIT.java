package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The short version of issue 7's fault test: kill -9 of the platform while asynchronous events are being accepted
 * and run, then a restart. Every event the platform acknowledged with 202 runs exactly once: none lost, none twice.
 */
class KillDuringAsyncLoadIT {

    private static final String ADMIN_KEY = "kill-async-admin-key-0123456789";
    private static final String ACCOUNT = "fault";
    private static final int CLIENTS = 3;
    /** Acknowledged events before the kill: enough for a backlog, small enough to drain in seconds after the restart. */
    private static final int ACCEPTED_BEFORE_KILL = 150;
    // Each run waits on a timer, so that runs are in flight (and queued) when the process dies.
    private static final String CODE = "async function lambda(input) {"
            + " await new Promise(resolve => setTimeout(resolve, 15));"
            + " return [{type: 'systemMessage', text: input.payload.general.convId}]; }";

    @Test
    void everyAcknowledgedEventRunsExactlyOnceAfterKillMinus9AndARestart() throws Exception {
        Map<String, String> environment = Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY);
        try (Installation installation = Installation.copy(Path.of(System.getProperty("switchboard.itest.work"), "kill-async"))) {
            assertThat(installation.run("start", environment, Duration.ofSeconds(120)).exitCode()).isZero();
            Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
            Api api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
            String functionId = deploy(api);
            ObjectNode sample = Webhook.sample(api, "controllerbot_messaging_conversation_end");
            Webhook webhook = new Webhook(installation, ADMIN_KEY);

            Map<String, String> conversationByEvent = new ConcurrentHashMap<>();
            ClientLoad load = ClientLoad.start("kill-async", CLIENTS, (client, sequence) -> {
                String conversationId = "kill-" + client + "-" + sequence;
                Api.Answer answer;
                try {
                    answer = webhook.post(Webhook.CONVERSATION_END, ACCOUNT, Webhook.withConvId(sample, conversationId));
                } catch (IOException refusedOrCutOff) {
                    return; // the platform is dead: nothing was acknowledged
                }
                if (answer.status() != 202) {
                    throw new AssertionError("Answered " + answer.status() + ": " + answer.body());
                }
                conversationByEvent.put(answer.text("/eventId"), conversationId);
            });
            Poll.until(ACCEPTED_BEFORE_KILL + " events acknowledged", Duration.ofSeconds(60),
                    () -> conversationByEvent.size() >= ACCEPTED_BEFORE_KILL);
            int recordsAtKill = InvocationRecords.total(api, ACCOUNT, functionId);
            int acceptedAtKill = conversationByEvent.size();

            ProcessHandle platform = ProcessHandle.of(installation.pid()).orElseThrow();
            platform.destroyForcibly(); // SIGKILL: queued and running tasks die with the process
            platform.onExit().get();
            load.stop();
            assertThat(installation.run("start", environment, Duration.ofSeconds(120)).exitCode()).isZero();
            Poll.until("/health answers 200 after the restart", Duration.ofSeconds(60), installation::healthy);

            Map<String, String> accepted = Map.copyOf(conversationByEvent);
            // Waits for an OK run of every acknowledged event; when one never comes, the assertions below name it.
            Poll.within(Duration.ofSeconds(120), () -> InvocationRecords.total(api, ACCOUNT, functionId) >= accepted.size()
                    && okRunsByEvent(InvocationRecords.all(api, ACCOUNT, functionId)).keySet().containsAll(accepted.keySet()));
            awaitNoMoreRecords(api, functionId);
            List<JsonNode> records = InvocationRecords.all(api, ACCOUNT, functionId);
            Map<String, Integer> okRuns = okRunsByEvent(records);
            List<String> lost = accepted.keySet().stream().filter(id -> !okRuns.containsKey(id)).toList();
            List<String> twice = okRuns.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            System.out.printf("kill -9 during ASYNC load: %d acknowledged (%d before the kill, %d records then), %d records"
                    + " after the restart, lost %d, run more than once %d%n",
                    accepted.size(), acceptedAtKill, recordsAtKill, records.size(), lost.size(), twice.size());

            assertThat(load.failures()).as("answers other than 202 before the kill").isEmpty();
            assertThat(lost).as("acknowledged events without an OK run").isEmpty();
            assertThat(twice).as("events run OK more than once").isEmpty();
            for (JsonNode record : records) {
                String conversation = accepted.get(record.path("eventId").asText());
                if (conversation != null) {
                    assertThat(record.at("/result/0/text").asText()).as("result of event %s", record.path("eventId"))
                            .isEqualTo(conversation);
                }
            }
        }
    }

    private static String deploy(Api api) {
        Api.Answer created = api.post("/accounts/" + ACCOUNT + "/functions", "{\"name\":\"recorder\",\"eventType\":"
                + "\"controllerbot_messaging_conversation_end\",\"code\":" + Api.quote(CODE) + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.text("/id");
        assertThat(api.post("/accounts/" + ACCOUNT + "/functions/" + id + "/deploy", null).text("/state")).isEqualTo("PRODUCTIVE");
        return id;
    }

    /** Records still appearing after the last acknowledged event has one would be second runs: wait until none come. */
    private static void awaitNoMoreRecords(Api api, String functionId) throws InterruptedException {
        int[] last = {-1};
        int[] unchangedPolls = {0};
        Poll.until("the invocation records stop growing", Duration.ofSeconds(60), () -> {
            int total = InvocationRecords.total(api, ACCOUNT, functionId);
            unchangedPolls[0] = total == last[0] ? unchangedPolls[0] + 1 : 0;
            last[0] = total;
            return unchangedPolls[0] >= 12; // 3 s without a new record
        });
    }

    private static Map<String, Integer> okRunsByEvent(List<JsonNode> records) {
        Map<String, Integer> runs = new HashMap<>();
        for (JsonNode record : records) {
            if ("OK".equals(record.path("outcome").asText())) {
                runs.merge(record.path("eventId").asText(), 1, Integer::sum);
            }
        }
        return runs;
    }
}
