package io.switchboard.api.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.resource.OpenApiResource;
import io.switchboard.core.api.schedule.ScheduleService;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * The OpenAPI description ({@value OpenApiResource#RESOURCE}) lists exactly the routes of the API servlet, no more, no
 * fewer, and LivePerson's gateway; every operation names its responses.
 */
class OpenApiDescriptionTest {

    private static final String SERVER = "/api/v1";
    /** The gateway's routes (its servlet parses its paths itself; GatewayServlet). */
    private static final List<String> GATEWAY = List.of("POST /api/account/{accountId}/lambdas/{lambdaId}/invoke",
            "POST /api/account/{accountId}/events/{eventId}/invoke", "GET /api/account/{accountId}/events/{eventId}/isImplemented");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final JsonNode description = OpenApiResource.read(new Json());

    private static Set<String> routes() {
        FakeCore core = new FakeCore();
        CoreServices services = new CoreServices(core.functions, core.invocations, core.secrets, core.catalog,
                core.dispatcher, core.invoker, core.deadLetters, core.botService, core.accountKeys, core.drafts);
        ApiServlet servlet = new ApiServlet(services, Mockito.mock(ScheduleService.class), core.authenticator, null,
                new ApiSettings(1_048_576, 20, 100));
        Set<String> routes = new TreeSet<>();
        // Paths are written with variables named as the router names them; only the names' positions matter.
        servlet.operations().forEach(op -> routes.add(op.replaceFirst(" ", " " + SERVER)));
        routes.addAll(GATEWAY);
        return routes;
    }

    private Set<String> described() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = description.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            });
        }
        return operations;
    }

    @Test
    void theDescriptionListsEveryRouteAndNothingElse() {
        Set<String> routes = routes();
        Set<String> described = described();

        List<String> undescribed = new ArrayList<>(routes);
        undescribed.removeAll(described);
        List<String> notServed = new ArrayList<>(described);
        notServed.removeAll(routes);
        assertThat(undescribed).as("routes the description lacks").isEmpty();
        assertThat(notServed).as("operations described that no route serves").isEmpty();
    }

    @Test
    void itIsOpenApi31WithABearerSchemeAndEveryOperationHasAnIdAndResponses() {
        assertThat(description.path("openapi").asText()).startsWith("3.1.");
        assertThat(description.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        Set<String> ids = new TreeSet<>();
        description.path("paths").forEach(path -> path.fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                assertThat(operation.getValue().path("responses").size()).as(operation.getValue().path("operationId").asText()).isPositive();
                assertThat(ids.add(operation.getValue().path("operationId").asText())).as("unique operationId").isTrue();
            }
        }));
        assertThat(ids).doesNotContain("");
    }
}
