package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The Switchboard REST API ({@code /api/v1}) as one profile sees it, over Java's {@link HttpClient}. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Profile profile;
    private final String base;

    public Api(Profile profile) {
        this.profile = profile;
        String url = profile.url().replaceAll("/+$", "");
        this.base = url.endsWith("/api/v1") ? url : url + "/api/v1";
    }

    public String account() {
        return profile.account();
    }

    /** {@code /accounts/{account}} + the rest, for the account-scoped endpoints. */
    public String accountPath(String rest) {
        return "/accounts/" + encode(profile.account()) + rest;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Every item of a paged listing ({@code ?page=&size=}), page after page. */
    public ArrayNode all(String path) {
        ArrayNode items = Json.mapper().createArrayNode();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode answer = get(path + separator + "page=" + page + "&size=100");
            answer.path("items").forEach(items::add);
            if (!answer.has("total") || items.size() >= answer.path("total").asLong() || answer.path("items").isEmpty()) {
                return items;
            }
        }
    }

    /** The account's function with this name, if there is one. */
    public Optional<JsonNode> functionByName(String name) {
        for (JsonNode function : all(accountPath("/functions"))) {
            if (name.equals(function.path("name").asText())) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    public JsonNode requireFunction(String name) {
        return functionByName(name).orElseThrow(() -> new CliException(ExitCode.API_ERROR,
                "account '" + profile.account() + "' has no function '" + name + "' (push it first: sbf push " + name + ")"));
    }

    /**
     * Opens a server-sent event stream ({@code text/event-stream}) and answers its lines as they arrive; an error answer
     * is thrown as an {@link ApiException} with the server's problem detail. {@code lastEventId} resumes after that event.
     */
    public java.util.stream.Stream<String> stream(String path, String lastEventId) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + profile.key())
                .header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + base + " (profile '" + profile.name() + "'): " + e);
        }
        if (response.statusCode() >= 400) {
            String body = String.join("\n", response.body().toList());
            JsonNode problem;
            try {
                problem = body.isBlank() ? Json.object() : Json.parse(body);
            } catch (IllegalArgumentException e) {
                problem = Json.object().put("detail", body);
            }
            throw new ApiException("GET " + path, response.statusCode(), problem);
        }
        return response.body();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + profile.key()).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + base + " (profile '" + profile.name() + "'): connection refused");
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + base + " (profile '" + profile.name() + "'): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.CANCELLED, "interrupted");
        }
        JsonNode answer = response.body().isBlank() ? Json.object() : parseAnswer(response);
        if (response.statusCode() >= 400) {
            throw new ApiException(method + " " + path, response.statusCode(), answer);
        }
        return answer;
    }

    private static JsonNode parseAnswer(HttpResponse<String> response) {
        try {
            return Json.parse(response.body());
        } catch (IllegalArgumentException e) {
            return Json.object().put("status", response.statusCode()).put("detail", response.body());
        }
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
