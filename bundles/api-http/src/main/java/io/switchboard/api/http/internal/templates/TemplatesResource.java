package io.switchboard.api.http.internal.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.resource.TemplateEndpoints;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.templates.api.Template;
import io.switchboard.templates.api.TemplateCatalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /templates} and {@code /accounts/{account}/functions/from-template}: the template catalogue, and functions
 * created from a template (its code, event, allowed domains and description; the function records the template's
 * id and version).
 */
@Component(service = TemplateEndpoints.class)
public final class TemplatesResource implements TemplateEndpoints {
    /** The {@code eventType} filter value that selects the templates without event. */
    static final String NO_EVENT = "none";
    private static final Set<String> FROM_TEMPLATE_FIELDS = Set.of("templateId", "name", "description", "skills",
            "timeoutMs", "allowedDomains", "env");

    private final TemplateCatalog catalog;
    private final FunctionService functions;
    private final Views views = new Views(new Json());

    @Activate
    public TemplatesResource(@Reference TemplateCatalog catalog, @Reference FunctionService functions) {
        this.catalog = catalog;
        this.functions = functions;
    }

    @Override
    public ApiResponse list(ApiRequest request) {
        List<Template> templates = request.query("eventType")
                .map(eventType -> catalog.forEventType(NO_EVENT.equals(eventType) ? null : eventType))
                .orElseGet(catalog::list);
        return ApiResponse.ok(new Views.Items<>(templates.stream().map(TemplateViews::summary).toList()));
    }

    @Override
    public ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(TemplateViews.details(template(request.path("templateId"))));
    }

    @Override
    public ApiResponse createFunction(ApiRequest request) {
        String account = request.path("account");
        FieldReader fields = new FieldReader(request.body().requiredObject(), FROM_TEMPLATE_FIELDS);
        String templateId = fields.requiredString("templateId");
        String name = fields.requiredString("name");
        String description = fields.optionalString("description");
        List<String> skills = fields.optionalStringList("skills");
        Long timeoutMs = fields.optionalLong("timeoutMs", 1, Long.MAX_VALUE);
        List<String> allowedDomains = fields.optionalStringList("allowedDomains");
        Map<String, String> env = fields.optionalStringMap("env");
        fields.throwIfInvalid("The function from a template");

        Template template = template(templateId);
        Map<String, String> givenEnv = env == null ? Map.of() : env;
        template.requiredEnv().stream().filter(variable -> !givenEnv.containsKey(variable)).forEach(variable ->
                fields.reject("/env/" + variable, "is required by template '" + template.id() + "'"));
        fields.throwIfInvalid("The function from template '" + template.id() + "'");

        FunctionInfo created = functions.create(account, new FunctionSpec(name,
                description == null ? template.description() : description, template.code(), template.eventType(), skills,
                timeoutMs, allowedDomains == null ? template.requiredDomains() : allowedDomains, givenEnv, template.id(),
                template.version()));
        return ApiResponse.created(request.location("/accounts/" + account + "/functions/" + created.id()), views.function(created));
    }

    @Override
    public ApiResponse rejected(ApiRequest request) {
        return ApiResponse.ok(new Views.Items<>(catalog.rejected().stream().map(TemplateViews::rejection).toList()));
    }

    private Template template(String id) {
        return catalog.get(id).orElseThrow(() -> new ProblemException(Problems.notFound(
                "Unknown template '" + id + "': the catalogue has no such template (GET /api/v1/templates lists them).")));
    }
}
