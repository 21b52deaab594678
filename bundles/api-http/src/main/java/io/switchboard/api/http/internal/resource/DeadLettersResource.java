package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.PageRequest;
import io.switchboard.core.api.dispatch.DeadLetters;

/** {@code /accounts/{account}/dead-letters}: asynchronous tasks that failed every attempt, and re-queuing one. */
public final class DeadLettersResource {
    private static final String BASE = "/accounts/{account}/dead-letters";

    private final DeadLetters deadLetters;
    private final Views views;
    private final ApiSettings settings;

    public DeadLettersResource(DeadLetters deadLetters, Views views, ApiSettings settings) {
        this.deadLetters = deadLetters;
        this.views = views;
        this.settings = settings;
    }

    public void addRoutes(Router.Builder router) {
        router.get(BASE, this::list)
              .post(BASE + "/{taskId}/retry", this::retry);
    }

    private ApiResponse list(ApiRequest request) {
        PageRequest page = PageRequest.from(request, settings);
        return ApiResponse.ok(views.page(deadLetters.list(request.path("account"), page.page(), page.size()), views::deadLetter));
    }

    /** Accepted, not done: the task runs in the background like any asynchronous event. */
    private ApiResponse retry(ApiRequest request) {
        return ApiResponse.accepted(views.deadLetter(deadLetters.retry(request.path("account"), request.path("taskId"))));
    }
}
