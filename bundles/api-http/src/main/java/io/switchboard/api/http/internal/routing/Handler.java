package io.switchboard.api.http.internal.routing;

import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;

/** Answers one route; any exception it throws is turned into a problem response by the caller. */
@FunctionalInterface
public interface Handler {

    ApiResponse handle(ApiRequest request);
}
