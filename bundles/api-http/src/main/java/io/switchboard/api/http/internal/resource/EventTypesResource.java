package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.event.RenamedEventTypes;
import io.switchboard.core.api.function.EventCatalog;
import java.util.Comparator;

/** {@code /event-types}: the live catalogue with limits in force, schemas and sample payloads. */
public final class EventTypesResource {
    private final EventCatalog catalog;
    private final Views views;

    public EventTypesResource(EventCatalog catalog, Views views) {
        this.catalog = catalog;
        this.views = views;
    }

    public void addRoutes(Router.Builder router) {
        router.get("/event-types", this::list)
              .get("/event-types/{eventTypeId}", this::get);
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new Views.Items<>(catalog.list().stream()
                .sorted(Comparator.comparing(view -> view.definition().id()))
                .map(views::eventType)
                .toList()));
    }

    private ApiResponse get(ApiRequest request) {
        String id = request.path("eventTypeId");
        return catalog.get(id)
                .map(view -> ApiResponse.ok(views.eventType(view)))
                .orElseThrow(() -> new ProblemException(Problems.notFound(
                        "Unknown event type '" + id + "': no installed event source provides it (GET /api/v1/event-types lists them)"
                                + RenamedEventTypes.hint(id) + ".")));
    }
}
