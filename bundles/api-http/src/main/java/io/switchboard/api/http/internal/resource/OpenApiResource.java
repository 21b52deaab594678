package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of {@code /api/v1} and LivePerson's gateway, a resource of this
 * bundle ({@value #RESOURCE}) that {@code OpenApiDescriptionTest} keeps equal to the routes, read once.
 */
public final class OpenApiResource {

    public static final String RESOURCE = "/io/switchboard/api/http/internal/resource/openapi.json";

    private final JsonNode description;

    public OpenApiResource(Json json) {
        this.description = read(json);
    }

    public void addRoutes(Router.Builder router) {
        router.get("/openapi.json", this::get);
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(description);
    }

    /** The description as this bundle ships it. */
    public static JsonNode read(Json json) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks its OpenAPI description " + RESOURCE);
            }
            return json.embed(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI description " + RESOURCE + " cannot be read", e);
        }
    }
}
