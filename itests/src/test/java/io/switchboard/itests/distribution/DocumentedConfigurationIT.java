package io.switchboard.itests.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.itests.Api;
import io.switchboard.itests.security.DocumentedExamples;
import io.switchboard.itests.sources.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 13 item 8: every configuration example of the documents is written into {@code etc/} of a running
 * distribution by an itest that checks its effect. The examples are the fenced blocks marked
 * {@code <!-- config: etc/<file> -->} (read by {@link DocumentedExamples}, so a test writes what the document shows);
 * {@link #everyConfigurationExampleOfTheDocsIsMarkedAndWrittenByTheItestNamedForIt} keeps the list below complete.
 * This class checks the examples no other itest has (the Kafka ingress against a real broker, the PostgreSQL database
 * in the PostgreSQL run: {@link DocumentedDatabaseConfigurationIT}) and what a configuration that cannot be applied shows in {@code /health}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedConfigurationIT {

    private static final String ADMIN_KEY = "documented-configuration-admin-key-0123456789";
    private static final String KAFKA_FILE = "etc/io.switchboard.camel.kafka.ingress-system-messages.cfg";

    /** Each configuration example ("document file") and the itest (under itests/.../itests/) that writes it and checks its effect. */
    private static final Map<String, String> CHECKED_BY = Map.ofEntries(
            Map.entry("configuration.md etc/io.switchboard.http.cfg", "security/DocumentedIngressExamplesIT"),
            Map.entry("configuration.md etc/io.switchboard.core.db.cfg", "distribution/DocumentedDatabaseConfigurationIT"),
            Map.entry("configuration.md etc/io.switchboard.core.quotas.cfg", "security/DistributionSecurityIT"),
            Map.entry("configuration.md etc/io.switchboard.core.security.cfg", "security/DistributionSecurityIT"),
            Map.entry("executor.md etc/io.switchboard.executor.graaljs.cfg", "security/ExecutorSecurityIT"),
            Map.entry("security.md etc/io.switchboard.executor.graaljs.cfg", "security/ExecutorSecurityIT"),
            Map.entry("security.md etc/io.switchboard.core.egress.cfg", "security/ExecutorSecurityIT"),
            Map.entry("camel.md " + KAFKA_FILE, "distribution/DocumentedConfigurationIT"),
            Map.entry("operations.md etc/io.switchboard.metrics.cfg", "distribution/OperationsDocsIT"),
            Map.entry("operations.md etc/io.switchboard.health.checks.cfg", "distribution/HealthTruthIT"),
            Map.entry("operations.md etc/logback.xml", "distribution/OperationsDocsIT"),
            Map.entry("operations.md etc/io.switchboard.core.logs.cfg", "distribution/OperationsDocsIT"),
            Map.entry("operations.md etc/io.switchboard.api.http.streams.cfg", "distribution/LogStreamIT"),
            Map.entry("operations.md etc/io.switchboard.core.invocations.cfg", "distribution/InvocationReportsIT"),
            Map.entry("operations.md etc/io.switchboard.core.quotas.cfg", "distribution/InvocationReportsIT"),
            Map.entry("operations.md etc/io.switchboard.core.recordpolicy.cfg", "distribution/RecordPolicyIT"),
            Map.entry("liveperson-compatibility.md etc/io.switchboard.source.systemmessages.cfg", "distribution/LivePersonConfigurationIT"),
            Map.entry("liveperson-compatibility.md etc/io.switchboard.source.chatpostsurvey.config", "distribution/LivePersonConfigurationIT"),
            Map.entry("writing-an-event-source.md etc/io.switchboard.camel.webhook.cfg", "distribution/LivePersonConfigurationIT"));

    private KafkaBroker broker;
    private Installation installation;
    private Api api;

    @BeforeAll
    void startWithTheKafkaExampleAgainstABroker() throws Exception {
        Path work = Path.of(System.getProperty("switchboard.itest.work"), "documented-configuration");
        Path classPath = repository().resolve("bundles/camel/kafka/target/test-broker.classpath");
        assertThat(classPath).as("the broker's class path, written by the build of bundles/camel/kafka").isRegularFile();
        broker = new KafkaBroker(classPath, Files.createTempDirectory(Files.createDirectories(work), "kafka"));
        installation = Installation.copy(work);
        // As the document writes it; only the example hosts' address is the test broker's.
        String kafka = DocumentedExamples.of("camel.md").configs().get(KAFKA_FILE);
        assertThat(kafka).contains("bootstrapServers = kafka-1:9092,kafka-2:9092", "topic = switchboard.system-messages", "account = acme");
        Files.writeString(installation.home.resolve(KAFKA_FILE), kafka.replace("kafka-1:9092,kafka-2:9092", broker.bootstrapServers()));
        Installation.Result start = installation.run("start", Map.of("SWITCHBOARD_ADMIN_KEY", ADMIN_KEY), Duration.ofSeconds(120));
        assertThat(start.exitCode()).as(start.output()).isZero();
        Poll.until("/health answers 200", Duration.ofSeconds(60), installation::healthy);
        api = new Api("http://127.0.0.1:" + installation.port + "/api/v1", ADMIN_KEY);
    }

    @AfterAll
    void stop() throws Exception {
        if (installation != null) {
            installation.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyConfigurationExampleOfTheDocsIsMarkedAndWrittenByTheItestNamedForIt() throws IOException {
        Map<String, String> found = new TreeMap<>();
        List<String> unmarked = new ArrayList<>();
        List<Path> documents = new ArrayList<>();
        try (Stream<Path> docs = Files.list(repository().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        documents.add(repository().resolve("README.md"));
        for (Path document : documents) {
            List<String> lines = Files.readAllLines(document);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.startsWith("```")) {
                    continue;
                }
                if (inBlock) {
                    inBlock = false;
                    continue;
                }
                inBlock = true;
                String before = previousText(lines, i);
                if (before.startsWith("<!-- config: ")) {
                    found.put(document.getFileName() + " " + before.substring("<!-- config: ".length(), before.length() - " -->".length()).strip(),
                            document.getFileName() + ":" + (i + 1));
                } else if (line.equals("```properties") || before.matches(".*`etc/[^`]+`.*:$")) {
                    unmarked.add(document.getFileName() + ":" + (i + 1) + " (after \"" + before + "\")");
                }
            }
        }

        assertThat(unmarked).as("configuration examples without <!-- config: etc/<file> --> (so no itest writes them)").isEmpty();
        assertThat(found.keySet()).as("the marked configuration examples, each with the itest that checks it")
                .containsExactlyInAnyOrderElementsOf(CHECKED_BY.keySet());
        for (Map.Entry<String, String> checked : CHECKED_BY.entrySet()) {
            String[] documentAndFile = checked.getKey().split(" ", 2);
            String source = Files.readString(repository().resolve("itests/src/test/java/io/switchboard/itests/" + checked.getValue() + ".java"));
            assertThat(source).as(checked.getValue() + " reads " + checked.getKey() + " from the document")
                    .contains("DocumentedExamples.of(\"" + documentAndFile[0] + "\")").contains(documentAndFile[1].substring("etc/".length()));
        }
    }

    /** The non-blank line before line {@code index}. */
    private static String previousText(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "";
    }

    @Test
    void theKafkaIngressExampleRaisesTheRecordsOfItsTopicAsEventsOfAcme() throws Exception {
        Api.Answer created = api.post("/accounts/acme/functions", "{\"name\": \"kafka-closer\", \"eventType\": "
                + "\"controllerbot_messaging_conversation_end\", \"code\": " + Api.quote("function lambda(input, callback) { "
                + "callback(null, [{type: 'systemMessage', text: 'Bye ' + input.payload.general.convId}]); }") + "}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String function = created.text("/id");
        assertThat(api.post("/accounts/acme/functions/" + function + "/deploy", null).text("/state")).isEqualTo("PRODUCTIVE");
        String sample = api.get("/event-types/controllerbot_messaging_conversation_end").body().get("samplePayload").toString();

        // The record names its event type but no account: the example's `account = acme` gives it one.
        broker.send("switchboard.system-messages", sample, Map.of("SwitchboardEventType", "controllerbot_messaging_conversation_end"));

        String path = "/accounts/acme/functions/" + function + "/invocations";
        Poll.until("the record ran acme's function", Duration.ofSeconds(90), () -> api.get(path).body().at("/total").asInt() == 1);
        Api.Answer record = api.get(path);
        assertThat(record.text("/items/0/outcome")).as(record.body().toString()).isEqualTo("OK");
        assertThat(record.text("/items/0/trigger")).isEqualTo("EVENT");
        assertThat(record.body().at("/items/0/result/0/text").asText()).startsWith("Bye ");
    }

    @Test
    void aValueThatCannotBeAppliedIsNamedInHealthWithItsPidKeyAndReasonUntilItIsFixed() throws Exception {
        Path file = installation.home.resolve("etc/io.switchboard.core.functions.cfg");
        Api root = new Api("http://127.0.0.1:" + installation.port, ADMIN_KEY);
        Poll.until("/health answers 200 before the change", Duration.ofSeconds(60), installation::healthy);
        // Issue 13 item 9: the functions' configuration applies live, so /health stays 200 while it changes (before,
        // the file restarted the function service and everything needing it: 503 for about 10 s).
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                statuses.merge(root.get("/health").status(), 1, Integer::sum);
            }
        }, "health-prober");
        prober.start();
        try {
            Files.writeString(file, "maxTimeoutMs = -5\n");

            Poll.until("/health names the refused value", Duration.ofSeconds(30),
                    () -> warnings().contains("configuration io.switchboard.core.functions: maxTimeoutMs=-5 refused"));
            assertThat(warnings()).contains("out of bounds").contains("the component keeps");

            Files.writeString(file, "maxTimeoutMs = 30000\n");
            Poll.until("the refusal is gone once the value is valid", Duration.ofSeconds(30),
                    () -> !warnings().contains("io.switchboard.core.functions"));
        } finally {
            probing.set(false);
            prober.join(20_000);
        }
        assertThat(new TreeMap<>(statuses)).as("/health while the refused and the fixed value were applied").containsOnlyKeys(200);
    }

    @Test
    void aTypedFileWithOnePlainLineIsNamedInHealthWithTheListItTurnedIntoText() throws Exception {
        // The file: one untyped line makes FileInstall read the list as the text ["..."].
        Files.writeString(installation.home.resolve("etc/io.switchboard.camel.webhook.cfg"),
                "maxBodyBytes = 262144\nsigningSecrets = [\"acme@/events/system-messages/=change-me\"]\n");

        Poll.until("/health names the list read as text", Duration.ofSeconds(30),
                () -> warnings().contains("configuration io.switchboard.camel.webhook: signingSecrets is the text"));
        assertThat(warnings()).contains("io.switchboard.camel.webhook.cfg was read as plain properties");
    }

    @Test
    void aFamilyFileWithItsOldNameIsWarnedAboutNamingTheNewOne() throws Exception {
        // The file: FileInstall reads the hyphen as a factory configuration, so nothing would read it.
        Files.writeString(installation.home.resolve("etc/io.switchboard.source.system-messages.cfg"),
                "callbackUrls = acme=https://messaging.example/switchboard/callbacks\n");

        Poll.until("/health names the old file", Duration.ofSeconds(30),
                () -> warnings().contains("uses the old PID io.switchboard.source.system-messages"));
        assertThat(warnings()).contains("io.switchboard.source.system-messages.cfg")
                .contains("the family's configuration is now io.switchboard.source.systemmessages");
        assertThat(installation.log()).contains("uses the old PID io.switchboard.source.system-messages");
    }

    /** The warnings of /health as the admin sees them, as one text. */
    private String warnings() {
        return new Api("http://127.0.0.1:" + installation.port, ADMIN_KEY).get("/health").body().at("/warnings").toString();
    }

    static Path repository() {
        return Path.of(System.getProperty("switchboard.distribution.dir")).resolve("../../..").normalize();
    }
}
