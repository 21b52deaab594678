package io.switchboard.api.http.internal;

import io.switchboard.api.http.internal.json.Json;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.resource.AccountSettingsResource;
import io.switchboard.api.http.internal.resource.AccountsResource;
import io.switchboard.api.http.internal.resource.OpenApiResource;
import io.switchboard.api.http.internal.resource.BotsResource;
import io.switchboard.api.http.internal.resource.DeadLettersResource;
import io.switchboard.api.http.internal.resource.EventTypesResource;
import io.switchboard.api.http.internal.resource.EventsResource;
import io.switchboard.api.http.internal.resource.FunctionsResource;
import io.switchboard.api.http.internal.resource.InvocationsResource;
import io.switchboard.api.http.internal.resource.InvocationSearchResource;
import io.switchboard.api.http.internal.resource.LogStreamResource;
import io.switchboard.api.http.internal.stream.LogStreams;
import io.switchboard.api.http.internal.resource.SchedulesResource;
import io.switchboard.api.http.internal.resource.SecretsResource;
import io.switchboard.api.http.internal.resource.TemplateEndpoints;
import io.switchboard.api.http.internal.routing.RouteMatch;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.CoreErrors;
import io.switchboard.api.http.internal.web.Problem;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.api.http.internal.web.RequestBody;
import io.switchboard.api.http.internal.web.Streamed;
import io.switchboard.core.api.bot.BotService;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.dispatch.DraftInvoker;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.InvocationService;
import io.switchboard.core.api.function.SecretService;
import io.switchboard.core.api.schedule.ScheduleService;
import io.switchboard.core.api.security.AccountKeys;
import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.http.api.HeldAnswers;
import io.switchboard.http.api.RequestBodies;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /api/v1} servlet: authenticates every request, keeps each account to its own resources,
 * routes to the resource handlers and answers every failure as problem JSON. An answer carrying {@code Retry-After}
 * (refused for now) is held for {@code refusalDelayMillis} before it is sent ({@link HeldAnswers}), as the webhooks and
 * LivePerson's gateway hold theirs.
 */
@Component(service = Servlet.class, configurationPid = ApiServlet.PID)
@Designate(ocd = ApiConfiguration.class)
@HttpWhiteboardServletPattern(ApiServlet.BASE_PATH + "/*")
@HttpWhiteboardServletName("switchboard-api-v1")
// The live log streams answer in the servlet's asynchronous mode (their writers are threads of their own).
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet extends HttpServlet {
    /** Configuration PID of the API. */
    public static final String PID = "io.switchboard.api.http";
    /** Where the API is served. */
    public static final String BASE_PATH = "/api/v1";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final String ACCOUNT = "account";

    /** What a body read by the admin key counts against when the path names no account. */
    private static final String ADMIN_READS = "(admin)";

    private final transient Authenticator authenticator;
    private final transient RequestBodies bodies;
    private final transient ApiSettings settings;
    private final transient Json json = new Json();
    private final transient ResponseWriter writer = new ResponseWriter(json);
    private final transient Router router;
    private final transient HeldAnswers refusals = new HeldAnswers("switchboard-api-refusals");
    /** Set once from the configuration (a changed configuration restarts the servlet); tests may change them. */
    private volatile long refusalDelayMillis = HeldAnswers.DEFAULT_DELAY_MILLIS;
    private volatile int maxHeldRefusals = HeldAnswers.DEFAULT_MAX_HELD;

    /** The template endpoints while a template catalogue is installed (the catalogue bundle is optional). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile TemplateEndpoints templates;

    /** The account settings while the core offers them (an older core does not). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile AccountSettingsService accountSettings;

    /** The live log streams (a component of this bundle with a configuration of its own, so it may come and go). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile LogStreams logStreams;

    @Activate
    public ApiServlet(@Reference FunctionService functions, @Reference InvocationService invocations,
                      @Reference SecretService secrets, @Reference EventCatalog catalog,
                      @Reference EventDispatcher dispatcher, @Reference FunctionInvoker invoker,
                      @Reference DeadLetters deadLetters, @Reference BotService bots, @Reference ScheduleService schedules,
                      @Reference Authenticator authenticator, @Reference AccountKeys accountKeys, @Reference RequestBodies bodies,
                      @Reference DraftInvoker drafts, ApiConfiguration config) {
        this(new CoreServices(functions, invocations, secrets, catalog, dispatcher, invoker, deadLetters, bots, accountKeys, drafts), schedules,
                authenticator, bodies,
                ApiSettings.from(config));
        holdRefusals(config.refusalDelayMillis(), config.maxHeldRefusals());
    }

    /** How long answers with Retry-After are held, and how many at most at once. */
    void holdRefusals(long delayMillis, int maxHeld) {
        this.refusalDelayMillis = Math.max(0, delayMillis);
        this.maxHeldRefusals = Math.max(0, maxHeld);
    }

    /** Sends the refusals still held and stops their timer. */
    @Deactivate
    void deactivate() {
        refusals.close();
    }

    ApiServlet(CoreServices core, Authenticator authenticator, RequestBodies bodies, ApiSettings settings) {
        this(core, null, authenticator, bodies, settings);
    }

    /** @param schedules null: no schedule endpoints (tests of other resources) */
    ApiServlet(CoreServices core, ScheduleService schedules, Authenticator authenticator, RequestBodies bodies, ApiSettings settings) {
        this.authenticator = authenticator;
        this.bodies = bodies;
        this.settings = settings;
        this.router = routes(core, schedules, json, settings, this::templateEndpoints, () -> accountSettings, () -> logStreams);
        LOG.info("HTTP API serving {} (max body {} bytes, page size {} / max {})", BASE_PATH,
                settings.maxBodyBytes(), settings.defaultPageSize(), settings.maxPageSize());
    }

    private static Router routes(CoreServices core, ScheduleService schedules, Json json, ApiSettings settings,
            Supplier<TemplateEndpoints> templates, Supplier<AccountSettingsService> accountSettings, Supplier<LogStreams> logStreams) {
        Views views = new Views(json);
        Router.Builder router = Router.builder();
        new EventTypesResource(core.catalog(), views).addRoutes(router);
        new FunctionsResource(core.functions(), views, settings).addRoutes(router);
        new InvocationsResource(core, json, views).addRoutes(router);
        new InvocationSearchResource(core.invocations(), core.functions(), json, views, settings).addRoutes(router);
        new LogStreamResource(core, json, views, logStreams).addRoutes(router);
        new SecretsResource(core.secrets(), views).addRoutes(router);
        new EventsResource(core.dispatcher(), json, views).addRoutes(router);
        new DeadLettersResource(core.deadLetters(), views, settings).addRoutes(router);
        new BotsResource(core.bots(), views, settings).addRoutes(router);
        new AccountsResource(core.accountKeys(), settings).addRoutes(router);
        new OpenApiResource(json).addRoutes(router);
        new AccountSettingsResource(accountSettings).addRoutes(router);
        if (schedules != null) {
            new SchedulesResource(schedules, json).addRoutes(router);
        }
        router.get("/templates", request -> templates.get().list(request))
              .get("/templates/{templateId}", request -> templates.get().get(request))
              .get("/template-rejections", request -> templates.get().rejected(request))
              .post("/accounts/{account}/functions/from-template", request -> templates.get().createFunction(request));
        return router.build();
    }

    /** The routes this servlet serves, as {@code METHOD /template} (the OpenAPI description must list exactly these). */
    java.util.List<String> operations() {
        return router.operations();
    }

    private TemplateEndpoints templateEndpoints() {
        TemplateEndpoints endpoints = templates;
        if (endpoints == null) {
            throw new ProblemException(Problems.templatesUnavailable());
        }
        return endpoints;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        ResponseWriter.Later later = body -> refusals.hold(request, refusalDelayMillis, maxHeldRefusals, body);
        try {
            ApiResponse answer = handle(request, method, path);
            if (answer.body() instanceof Streamed stream) {
                stream.start(request, response);
                return;
            }
            writer.write(response, answer, later);
        } catch (RuntimeException e) {
            if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
                // Refused before or while reading the body: what is left of it cannot be told from the next request.
                response.setHeader("Connection", "close");
            }
            writer.write(response, problemFor(e, method, request.getRequestURI()), later);
        }
    }

    private ApiResponse handle(HttpServletRequest request, String method, String path) {
        Caller caller = authenticate(request.getHeader("Authorization"));
        RouteMatch match = router.match(method, path);
        String account = match.variables().get(ACCOUNT);
        if (account != null && !caller.mayActOn(account)) {
            // Another tenant's paths look exactly like paths that do not exist.
            throw new ProblemException(Problems.notFound("No account '" + account + "' is accessible with this API key."));
        }
        if (match instanceof RouteMatch.Found found) {
            // Read only when a handler asks for it, and only now that the caller is known.
            String reader = caller.admin() ? (account == null ? ADMIN_READS : account) : caller.account();
            RequestBody body = new RequestBody(request, settings.maxBodyBytes(), json, bodies, reader);
            String basePath = request.getContextPath() + request.getServletPath();
            LOG.debug("{} {} by {}", method, path, caller.admin() ? "admin" : caller.account());
            return found.route().handler().handle(new ApiRequest(basePath, found.variables(), request.getQueryString(), caller, body,
                    request::getHeader));
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            throw new ProblemException(Problems.methodNotAllowed(method, notAllowed.allowed()));
        }
        throw new ProblemException(Problems.notFound("No endpoint " + method + " " + BASE_PATH + path + "; docs/api.md lists them."));
    }

    private Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(Problems.unauthorized("Send an API key as 'Authorization: Bearer <key>'.", false));
        }
        String trimmed = authorization.trim();
        if (!trimmed.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new ProblemException(Problems.unauthorized("Only bearer API keys are accepted: 'Authorization: Bearer <key>'.", false));
        }
        String token = trimmed.substring("bearer ".length()).trim();
        return authenticator.authenticate(token).orElseThrow(() ->
                new ProblemException(Problems.unauthorized("The API key is not valid.", true)));
    }

    private static Problem problemFor(RuntimeException error, String method, String uri) {
        Optional<Problem> expected = CoreErrors.toProblem(error);
        expected.ifPresent(problem -> LOG.debug("{} {} answered {}: {}", method, uri, problem.status(), problem.detail()));
        return expected.orElseGet(() -> {
            String reference = UUID.randomUUID().toString();
            LOG.error("{} {} failed unexpectedly (reference {})", method, uri, reference, error);
            return Problems.internal(reference);
        });
    }
}
