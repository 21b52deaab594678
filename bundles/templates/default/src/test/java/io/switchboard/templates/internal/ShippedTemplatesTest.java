package io.switchboard.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.core.api.execution.ExecutionRequest;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.executor.graaljs.internal.TemplateExecutor;
import io.switchboard.executor.graaljs.internal.modules.AccountOutbound;
import io.switchboard.executor.graaljs.internal.modules.TemplateToolbelt;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped template parses (metadata and JavaScript) and runs on the GraalJS executor against its event's sample
 * payload with a result of its event's shape. Templates that call external services run against a local stub server
 * ({@link ExternalServiceTemplatesTest}).
 */
class ShippedTemplatesTest {
    static final Path FOLDER = Path.of("target/classes/templates");
    static final ObjectMapper JSON = new ObjectMapper();
    /** The reference's template list: id to name. */
    static final Map<String, String> REFERENCE = new TreeMap<>(Map.ofEntries(
            Map.entry("chat-post-survey-email-transcript", "Chat Post Survey E-Mail Transcript"),
            Map.entry("conversational-command", "Conversational Command"),
            Map.entry("keyword-scanner", "Keyword Scanner"),
            Map.entry("messaging-conversation-end", "Messaging Conversation End"),
            Map.entry("replace-files-for-conversation", "Replace Files for Conversation"),
            Map.entry("messaging-conversation-idle", "Messaging Conversation Idle"),
            Map.entry("messaging-conversation-routing", "Messaging Conversation Routing"),
            Map.entry("messaging-line-in-off-hours", "Messaging Line in Off-Hours"),
            Map.entry("messaging-consumer-step-up", "Messaging Consumer Step Up"),
            Map.entry("messaging-new-conversation", "Messaging New Conversation"),
            Map.entry("messaging-participants-change", "Messaging Participants Change"),
            Map.entry("messaging-survey-ended", "Messaging Survey Ended"),
            Map.entry("messaging-survey-started", "Messaging Survey Started"),
            Map.entry("messaging-ttr", "Messaging TTR"),
            Map.entry("greeting", "Greeting Template"),
            Map.entry("http", "HTTP Template"),
            Map.entry("logging", "Logging Template"),
            Map.entry("salesforce", "Salesforce Template"),
            Map.entry("secret-storage", "Secret Storage Template"),
            Map.entry("third-party-bots-custom-integration", "Default Template"),
            Map.entry("third-party-bots-pre-hook", "Third-Party Bots Pre Hook"),
            Map.entry("third-party-bots-post-hook", "Third-Party Bots Post Hook"),
            Map.entry("third-party-bots-error-hook", "Third-Party Bots Error Hook")));
    /** Templates that need a service outside the platform; they run against a stub server elsewhere. */
    static final List<String> EXTERNAL = List.of("http", "salesforce", "keyword-scanner", "replace-files-for-conversation");

    static Map<String, Template> templates;
    static TemplateExecutor executor;
    static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    /** The account settings the toolbelt sees, by account (e.g. lpDiscoveryBaseUrl for LpClient and its utilities). */
    static final Map<String, AccountSettings> SETTINGS = new ConcurrentHashMap<>();
    private static GraalSyntaxChecker syntax;

    /** Loads the templates and starts one executor for every test class of this module (its threads are daemons). */
    @BeforeAll
    static synchronized void load() throws Exception {
        if (templates != null) {
            return;
        }
        syntax = new GraalSyntaxChecker();
        Map<String, Template> parsed = parseAll(new TemplateParser(65_536, syntax));
        SecretStore secrets = new SecretStore() {
            @Override
            public Optional<String> read(String account, String name) {
                return Optional.ofNullable(SECRETS.get(account + "/" + name));
            }

            @Override
            public void write(String account, String name, String value) {
                SECRETS.put(account + "/" + name, value);
            }

            // String secrets only: the templates store and read strings.
            @Override
            public Optional<String> readJson(String account, String name) {
                return read(account, name).map(value -> JSON.valueToTree(value).toString());
            }

            @Override
            public boolean updateJson(String account, String name, String valueJson) {
                return SECRETS.computeIfPresent(account + "/" + name, (key, old) -> {
                    try {
                        return JSON.readTree(valueJson).asText();
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException(e);
                    }
                }) != null;
            }
        };
        AccountOutbound outbound = TemplateToolbelt.outbound(TemplateToolbelt.settings(SETTINGS));
        executor = new TemplateExecutor()
                .with("HTTPClient", TemplateToolbelt.httpClient(outbound))
                .with("SecretClient", TemplateToolbelt.secretClient(secrets))
                .with("LpClient", TemplateToolbelt.lpClient(outbound, secrets))
                .with("ConversationUtil", TemplateToolbelt.conversationUtil())
                .with("GDPRUtil", TemplateToolbelt.gdprUtil());
        templates = parsed;
    }

    static Map<String, Template> parseAll(TemplateParser parser) throws IOException {
        Map<String, Template> parsed = new TreeMap<>();
        try (Stream<Path> files = Files.list(FOLDER)) {
            for (Path file : files.sorted().toList()) {
                try {
                    Template template = parser.parse(file.getFileName().toString(), Files.readAllBytes(file),
                            new TemplateSource(TemplateSource.Kind.BUNDLE, "switchboard.templates"));
                    parsed.put(template.id(), template);
                } catch (TemplateRejectedException e) {
                    throw new AssertionError("Shipped template " + file + " is rejected: " + e.getMessage(), e);
                }
            }
        }
        return parsed;
    }

    /** The sample payload of an event type, as its event source ships it. */
    static JsonNode samplePayload(String eventType) {
        Path shipped = EventSourceFiles.find(eventType, "sample.json").orElseThrow(() -> new AssertionError(
                "no event source of this repository ships " + eventType));
        try {
            return JSON.readTree(shipped.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExecutionResult run(Template template, JsonNode payload, Map<String, String> env, List<String> allowedDomains) {
        ObjectNode input = JSON.createObjectNode();
        input.set("payload", payload);
        input.putArray("headers");
        return executor.executor().execute(new ExecutionRequest(UUID.randomUUID().toString(), "acme", "template-" + template.id(),
                template.id() + "@" + template.version(), template.code(), input.toString(), env, allowedDomains, Duration.ofSeconds(20)));
    }

    static JsonNode resultOf(ExecutionResult result) {
        assertThat(result.outcome()).as("outcome; error %s; logs %s", result.error(), result.logs()).isEqualTo(Outcome.OK);
        try {
            return JSON.readTree(result.resultJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String logs(ExecutionResult result) {
        return result.logs().stream().map(LogLine::message).collect(Collectors.joining("\n"));
    }

    static Stream<String> selfContained() {
        return REFERENCE.keySet().stream().filter(id -> !EXTERNAL.contains(id));
    }

    @Test
    void everyTemplateOfTheReferenceListIsShippedWithItsName() {
        assertThat(templates.keySet()).containsExactlyInAnyOrderElementsOf(REFERENCE.keySet());
        templates.values().forEach(template -> assertThat(template.name()).as(template.id()).isEqualTo(REFERENCE.get(template.id())));
    }

    @Test
    void everyEventHasExactlyOneDefaultTemplate() {
        Map<String, List<String>> defaults = templates.values().stream().filter(Template::defaultForEvent)
                .collect(Collectors.groupingBy(Template::eventType, TreeMap::new, Collectors.mapping(Template::id, Collectors.toList())));

        assertThat(defaults).hasSize(16).allSatisfy((event, ids) -> assertThat(ids).as(event).hasSize(1));
        assertThat(defaults.keySet()).containsExactlyInAnyOrderElementsOf(EventShapes.EVENT_TYPES);
    }

    @Test
    void theNoEventTemplatesHaveNoEventAndTheFeatureTemplatesAreNotDefaults() {
        assertThat(templates.values().stream().filter(t -> t.eventType() == null).map(Template::id))
                .containsExactlyInAnyOrder("greeting", "http", "logging", "salesforce", "secret-storage");
        assertThat(templates.get("keyword-scanner").eventType()).isEqualTo("controllerbot_messaging_conversation_end");
        assertThat(templates.get("keyword-scanner").defaultForEvent()).isFalse();
        assertThat(templates.get("replace-files-for-conversation").defaultForEvent()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selfContained")
    void everySelfContainedTemplateRunsOnItsEventsSamplePayloadWithItsEventsResultShape(String id) {
        Template template = templates.get(id);
        JsonNode payload = template.eventType() == null ? JSON.createObjectNode().put("name", "Ada") : samplePayload(template.eventType());
        if ("secret-storage".equals(id)) {
            SECRETS.put("acme/my-secret", "s3cr3t-value");
            SECRETS.put("acme/my-secret-rotations", "0");
        }

        ExecutionResult result = run(template, payload, Map.of(), template.requiredDomains());

        EventShapes.assertShape(template.eventType(), resultOf(result));
        assertThat(result.logs()).as("a template shows how to log").isNotEmpty();
    }
}
