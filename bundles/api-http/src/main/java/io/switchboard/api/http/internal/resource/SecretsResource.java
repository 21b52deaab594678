package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
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
        String value = requiredValue(fields);
        fields.throwIfInvalid("The secret");
        SecretInfo stored = secrets.create(account, name, value); // refuses a taken name atomically (409)
        String location = request.location("/accounts/" + account + "/secrets/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        return ApiResponse.created(location, views.secret(stored));
    }

    private ApiResponse replace(ApiRequest request) {
        FieldReader fields = new FieldReader(request.body().requiredObject(), Set.of("value"));
        String value = requiredValue(fields);
        fields.throwIfInvalid("The secret");
        return ApiResponse.ok(views.secret(secrets.put(request.path("account"), request.path("name"), value)));
    }

    private ApiResponse delete(ApiRequest request) {
        secrets.delete(request.path("account"), request.path("name"));
        return ApiResponse.noContent();
    }

    // An empty value is a legitimate secret (e.g. a cleared token), so only presence and type are checked.
    private static String requiredValue(FieldReader fields) {
        String value = fields.optionalString("value");
        JsonNode node = fields.optionalNode("value");
        if (node == null || node.isNull()) {
            fields.reject("/value", "is required");
        }
        return value;
    }
}
