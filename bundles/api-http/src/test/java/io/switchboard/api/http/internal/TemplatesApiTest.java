package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.http.internal.templates.TemplatesResource;
import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateCatalog;
import io.switchboard.templates.api.TemplateSource;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemplatesApiTest {
    private static final String KEY = "acme-key";
    private static final String FROM_TEMPLATE = "/api/v1/accounts/acme/functions/from-template";

    private final FakeCore core = new FakeCore();
    private ApiServer server;

    /** A fixed catalogue, as the template bundle would provide it. */
    private static final class Catalog implements TemplateCatalog {
        private final List<Template> templates = List.of(
                new Template("conversational-command", "Conversational Command", "Answers /order", "conversational_command", true,
                        "async function lambda(input) { return null; }", List.of(), List.of(), List.of(), "sha256:aaaaaaaaaaaa",
                        new TemplateSource(TemplateSource.Kind.BUNDLE, "switchboard.templates 0.1.0")),
                new Template("http", "HTTP Template", "Calls HTTP_URL", null, false,
                        "async function lambda(input) { return 1; }", List.of("httpbin.org"), List.of(), List.of("HTTP_URL"),
                        "sha256:bbbbbbbbbbbb", new TemplateSource(TemplateSource.Kind.FOLDER, "/opt/switchboard/deploy/templates/http.js")));

        @Override
        public List<Template> list() {
            return templates;
        }

        @Override
        public List<Template> forEventType(String eventTypeId) {
            return templates.stream().filter(t -> Objects.equals(t.eventType(), eventTypeId))
                    .sorted(Comparator.comparing(Template::id)).toList();
        }

        @Override
        public Optional<Template> get(String templateId) {
            return templates.stream().filter(t -> t.id().equals(templateId)).findFirst();
        }

        @Override
        public List<RejectedTemplate> rejected() {
            return List.of(new RejectedTemplate("nested", new TemplateSource(TemplateSource.Kind.FOLDER,
                    "/opt/switchboard/deploy/templates/nested.js"), "the code cannot be parsed: Resource exhausted: Stack overflow "
                    + "(it nests too deeply or is too complex)", Instant.parse("2026-12-03T07:00:00.123Z")));
        }
    }

    private void start(boolean withCatalogue) throws Exception {
        ApiSettings settings = new ApiSettings(1_048_576, 20, 100);
        server = withCatalogue
                ? ApiServer.startWithTemplates(core, settings, new TemplatesResource(new Catalog(), core.functions))
                : ApiServer.start(core, settings);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void rejectedTemplatesAreListedWithTheirReasonButNoServerPath() throws Exception {
        start(true);

        JsonNode rejected = server.get("/api/v1/template-rejections", KEY).json().get("items").get(0);

        assertThat(rejected.get("id").asText()).isEqualTo("nested");
        assertThat(rejected.get("reason").asText()).contains("nests too deeply");
        assertThat(rejected.get("source").get("kind").asText()).isEqualTo("folder");
        assertThat(rejected.get("source").get("location").asText()).isEqualTo("nested.js");
        assertThat(rejected.get("rejectedAt").asText()).isEqualTo("2026-12-03T07:00:00Z");
    }

    @Test
    void templatesAreListedWithoutCodeAndFilteredByEventType() throws Exception {
        start(true);

        JsonNode all = server.get("/api/v1/templates", KEY).json().get("items");
        assertThat(all.findValuesAsText("id")).containsExactly("conversational-command", "http");
        assertThat(all.get(0).has("code")).isFalse();
        assertThat(all.get(0).get("version").asText()).isEqualTo("sha256:aaaaaaaaaaaa");

        assertThat(server.get("/api/v1/templates?eventType=conversational_command", KEY).json().get("items").findValuesAsText("id"))
                .containsExactly("conversational-command");
        assertThat(server.get("/api/v1/templates?eventType=none", KEY).json().get("items").findValuesAsText("id"))
                .containsExactly("http");
        assertThat(server.get("/api/v1/templates?eventType=nope", KEY).json().get("items")).isEmpty();
    }

    @Test
    void aTemplateShowsItsCodeRequirementsAndSourceButNoServerPath() throws Exception {
        start(true);

        JsonNode http = server.get("/api/v1/templates/http", KEY).json();

        assertThat(http.get("code").asText()).contains("lambda");
        assertThat(http.get("requiredDomains").get(0).asText()).isEqualTo("httpbin.org");
        assertThat(http.get("requiredEnv").get(0).asText()).isEqualTo("HTTP_URL");
        assertThat(http.get("defaultForEvent").asBoolean()).isFalse();
        assertThat(http.get("source").get("kind").asText()).isEqualTo("folder");
        assertThat(http.get("source").get("location").asText()).isEqualTo("http.js");
    }

    @Test
    void anUnknownTemplateIsNotFound() throws Exception {
        start(true);

        ApiServer.Reply reply = server.get("/api/v1/templates/nope", KEY);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("detail").asText()).contains("Unknown template 'nope'");
    }

    @Test
    void aFunctionCreatedFromATemplateHasItsCodeEventAndRecordsTemplateAndVersion() throws Exception {
        start(true);

        ApiServer.Reply reply = server.post(FROM_TEMPLATE, KEY, "{\"templateId\": \"conversational-command\", \"name\": \"orders\"}");

        assertThat(reply.status()).as(reply.response().body()).isEqualTo(201);
        JsonNode function = reply.json();
        assertThat(reply.header("Location")).isEqualTo("/api/v1/accounts/acme/functions/" + function.get("id").asText());
        assertThat(function.get("name").asText()).isEqualTo("orders");
        assertThat(function.get("eventType").asText()).isEqualTo("conversational_command");
        assertThat(function.get("code").asText()).isEqualTo("async function lambda(input) { return null; }");
        assertThat(function.get("description").asText()).isEqualTo("Answers /order");
        assertThat(function.get("templateId").asText()).isEqualTo("conversational-command");
        assertThat(function.get("templateVersion").asText()).isEqualTo("sha256:aaaaaaaaaaaa");
        assertThat(function.get("state").asText()).isEqualTo("DRAFT");
    }

    @Test
    void requiredEnvironmentVariablesMustBeGivenAndDomainsDefaultToTheTemplates() throws Exception {
        start(true);

        ApiServer.Reply missing = server.post(FROM_TEMPLATE, KEY, "{\"templateId\": \"http\", \"name\": \"caller\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("/env/HTTP_URL");

        ApiServer.Reply created = server.post(FROM_TEMPLATE, KEY,
                "{\"templateId\": \"http\", \"name\": \"caller\", \"env\": {\"HTTP_URL\": \"https://httpbin.org/anything\"}, \"timeoutMs\": 5000}");
        assertThat(created.status()).as(created.response().body()).isEqualTo(201);
        assertThat(created.json().get("allowedDomains").get(0).asText()).isEqualTo("httpbin.org");
        assertThat(created.json().get("env").get("HTTP_URL").asText()).isEqualTo("https://httpbin.org/anything");
        assertThat(created.json().get("timeoutMs").asLong()).isEqualTo(5000);
    }

    @Test
    void theBodyIsCheckedFieldByFieldAndAnUnknownTemplateIsNotFound() throws Exception {
        start(true);

        ApiServer.Reply invalid = server.post(FROM_TEMPLATE, KEY, "{\"code\": \"x\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsText("field")).contains("/code", "/templateId", "/name");

        assertThat(server.post(FROM_TEMPLATE, KEY, "{\"templateId\": \"nope\", \"name\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsKeyCannotCreateFunctionsFromTemplatesThere() throws Exception {
        start(true);

        assertThat(server.post(FROM_TEMPLATE, "globex-key", "{\"templateId\": \"http\", \"name\": \"x\"}").status()).isEqualTo(404);
    }

    @Test
    void withoutTemplateCatalogueTheTemplateEndpointsAnswer503AndTheRestWorks() throws Exception {
        start(false);

        ApiServer.Reply list = server.get("/api/v1/templates", KEY);
        assertThat(list.status()).isEqualTo(503);
        assertThat(list.json().get("type").asText()).isEqualTo("urn:switchboard:problem:templates-unavailable");
        assertThat(list.json().get("detail").asText()).contains("switchboard.templates.catalog");
        assertThat(server.get("/api/v1/templates/http", KEY).status()).isEqualTo(503);
        assertThat(server.post(FROM_TEMPLATE, KEY, "{\"templateId\": \"http\", \"name\": \"x\"}").status()).isEqualTo(503);
        assertThat(server.get("/api/v1/event-types", KEY).status()).isEqualTo(200);
    }

    @Test
    void templatesNeedAnApiKeyLikeEveryEndpoint() throws Exception {
        start(true);

        assertThat(server.get("/api/v1/templates", null).status()).isEqualTo(401);
    }
}
