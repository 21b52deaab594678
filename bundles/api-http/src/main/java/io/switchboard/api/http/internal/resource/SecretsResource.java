package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.core.api.function.SecretInfo;
import io.switchboard.core.api.function.SecretService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Set;

/** {@code /accounts/{account}/secrets}: values go in, only masked values come out. */
public final class SecretsResource {
    private static final String BASE = "/accounts/{account}/secrets";

    private final SecretService secrets;
    private final Views views;

    public SecretsResource(SecretService secrets, Views views) {
        this.secrets = secrets;
        this.views = views;
    }

    public void addRoutes(Router.Builder router) {
        router.get(BASE, this::list)
              .post(BASE, this::create)
              .get(BASE + "/{name}", r -> ApiResponse.ok(views.secret(secrets.get(r.path("account"), r.path("name")))))
              .put(BASE + "/{name}", this::replace)
              .delete(BASE + "/{name}", this::delete);
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(new Views.Items<>(secrets.list(request.path("account")).stream()
                .sorted(Comparator.comparing(SecretInfo::name))
                .map(views::secret)
                .toList()));
    }

    private ApiResponse create(ApiRequest request) {
        String account = request.path("account");
        FieldReader fields = new FieldReader(request.body().requiredObject(), Set.of("name", "value"));
        String name = fields.requiredString("name");
        JsonNode value = requiredValue(fields);
        fields.throwIfInvalid("The secret");
        // refuses a taken name atomically (409)
        SecretInfo stored = value.isTextual() ? secrets.create(account, name, value.textValue()) : secrets.createJson(account, name, value.toString());
        String location = request.location("/accounts/" + account + "/secrets/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        return ApiResponse.created(location, views.secret(stored));
    }

    private ApiResponse replace(ApiRequest request) {
        FieldReader fields = new FieldReader(request.body().requiredObject(), Set.of("value"));
        JsonNode value = requiredValue(fields);
        fields.throwIfInvalid("The secret");
        String account = request.path("account");
        String name = request.path("name");
        return ApiResponse.ok(views.secret(value.isTextual() ? secrets.put(account, name, value.textValue())
                : secrets.putJson(account, name, value.toString())));
    }

    private ApiResponse delete(ApiRequest request) {
        secrets.delete(request.path("account"), request.path("name"));
        return ApiResponse.noContent();
    }

    // Any JSON value but null (LivePerson's typed secrets); a string stays a string secret. An empty string is a legitimate
    // secret (e.g. a cleared token), so only presence is checked.
    private static JsonNode requiredValue(FieldReader fields) {
        JsonNode node = fields.optionalNode("value");
        if (node == null || node.isNull()) {
            fields.reject("/value", "is required");
            return TextNode.valueOf("");
        }
        return node;
    }
}
