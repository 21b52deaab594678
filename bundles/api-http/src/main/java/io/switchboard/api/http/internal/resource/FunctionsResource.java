package io.switchboard.api.http.internal.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.PageRequest;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.FunctionSpec;
import java.util.Set;

/** {@code /accounts/{account}/functions}: functions CRUD and their lifecycle (deploy, undeploy, rollback, versions). */
public final class FunctionsResource {
    static final String BASE = "/accounts/{account}/functions";
    private static final Set<String> SPEC_FIELDS = Set.of("name", "description", "code", "eventType", "skills",
            "timeoutMs", "allowedDomains", "env", "templateId", "templateVersion");

    private final FunctionService functions;
    private final Views views;
    private final ApiSettings settings;

    public FunctionsResource(FunctionService functions, Views views, ApiSettings settings) {
        this.functions = functions;
        this.views = views;
        this.settings = settings;
    }

    public void addRoutes(Router.Builder router) {
        router.get(BASE, this::list)
              .post(BASE, this::create)
              .get(BASE + "/{id}", this::get)
              .put(BASE + "/{id}", this::update)
              .delete(BASE + "/{id}", this::delete)
              .post(BASE + "/{id}/deploy", r -> ok(functions.deploy(r.path("account"), r.path("id"))))
              .post(BASE + "/{id}/undeploy", r -> ok(functions.undeploy(r.path("account"), r.path("id"))))
              .post(BASE + "/{id}/rollback", this::rollback)
              .get(BASE + "/{id}/versions", this::versions)
              .get("/accounts/{account}/limit-breaches", this::limitBreaches);
    }

    private ApiResponse list(ApiRequest request) {
        PageRequest page = PageRequest.from(request, settings);
        return ApiResponse.ok(views.page(functions.list(request.path("account"), page.page(), page.size()), views::functionSummary));
    }

    private ApiResponse create(ApiRequest request) {
        String account = request.path("account");
        FunctionInfo created = functions.create(account, spec(request.body().requiredObject()));
        return ApiResponse.created(request.location("/accounts/" + account + "/functions/" + created.id()), views.function(created));
    }

    private ApiResponse get(ApiRequest request) {
        return ok(functions.get(request.path("account"), request.path("id")));
    }

    private ApiResponse update(ApiRequest request) {
        FunctionSpec spec = spec(request.body().requiredObject());
        return ok(functions.update(request.path("account"), request.path("id"), spec));
    }

    private ApiResponse delete(ApiRequest request) {
        functions.delete(request.path("account"), request.path("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse rollback(ApiRequest request) {
        FieldReader fields = new FieldReader(request.body().requiredObject(), Set.of("version"));
        Integer version = fields.requiredInt("version", 1, Integer.MAX_VALUE);
        fields.throwIfInvalid("The rollback request");
        return ok(functions.rollback(request.path("account"), request.path("id"), version));
    }

    private ApiResponse versions(ApiRequest request) {
        String account = request.path("account");
        String id = request.path("id");
        int active = functions.get(account, id).deployedVersion();
        return ApiResponse.ok(new Views.Items<>(functions.versions(account, id).stream()
                .map(version -> views.version(version, active))
                .toList()));
    }

    /** Where the account holds more productive functions than a lowered limit allows; nothing was undeployed. */
    private ApiResponse limitBreaches(ApiRequest request) {
        return ApiResponse.ok(new Views.Items<>(functions.limitBreaches(request.path("account")).stream()
                .map(views::limitBreach)
                .toList()));
    }

    private ApiResponse ok(FunctionInfo info) {
        return ApiResponse.ok(views.function(info));
    }

    /** A full spec from a create or replace body; the core checks what only it knows (name taken, event type, size). */
    private static FunctionSpec spec(ObjectNode body) {
        FieldReader fields = new FieldReader(body, SPEC_FIELDS);
        FunctionSpec spec = new FunctionSpec(
                fields.requiredString("name"),
                fields.optionalString("description"),
                fields.requiredString("code"),
                fields.optionalString("eventType"),
                fields.optionalStringList("skills"),
                fields.optionalLong("timeoutMs", 1, Long.MAX_VALUE),
                fields.optionalStringList("allowedDomains"),
                fields.optionalStringMap("env"),
                fields.optionalString("templateId"),
                fields.optionalString("templateVersion"));
        fields.throwIfInvalid("The function");
        return spec;
    }
}
