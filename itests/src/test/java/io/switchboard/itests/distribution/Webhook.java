package io.switchboard.itests.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.itests.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts events to the webhooks of a running installation, as the admin acting for an account, over HTTP/1.1. */
final class Webhook {

    /** The command path of a function named {@code command}: the function's name is the command. */
    static String command(String command) {
        return "/events/conversational-commands/commands/" + command;
    }

    static final String CONVERSATION_END = "/events/system-messages/conversation-end";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminKey;

    Webhook(Installation installation, String adminKey) {
        this.base = "http://127.0.0.1:" + installation.port;
        this.adminKey = adminKey;
    }

    /** Posts the JSON body; an I/O failure (the platform is gone, the answer did not come in time) is thrown. */
    Api.Answer post(String path, String account, String json) throws IOException, InterruptedException {
        return post(path, account, json, new String[0]);
    }

    /** Posts the JSON body with further headers (name, value pairs). */
    Api.Answer post(String path, String account, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminKey).header("X-Switchboard-Account", account)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Api.Answer(response.statusCode(), body);
    }

    /** The event type's sample payload, from the catalogue. */
    static ObjectNode sample(Api api, String eventType) {
        return (ObjectNode) api.get("/event-types/" + eventType).body().get("samplePayload");
    }

    /** A conversational command's sample with its {@code conversationId} replaced, as JSON text. */
    static String withConversation(ObjectNode sample, String conversationId) {
        return sample.deepCopy().put("conversationId", conversationId).toString();
    }

    /** A messaging event's sample with its {@code general.convId} replaced, as JSON text. */
    static String withConvId(ObjectNode sample, String convId) {
        ObjectNode copy = sample.deepCopy();
        ((ObjectNode) copy.get("general")).put("convId", convId);
        return copy.toString();
    }
}
