package io.switchboard.gateway.liveperson.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.core.api.dispatch.EventDispatcher;
import io.switchboard.core.api.dispatch.LivePersonError;
import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.dispatch.FunctionInvoker;
import io.switchboard.core.api.dispatch.ImplementedEvents;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import io.switchboard.http.api.HeldAnswers;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LivePerson's invocation gateway, beside {@code /api/v1}, so LivePerson's clients (faas-client-node, faas-client-jdk)
 * can be pointed at Switchboard: {@code POST /api/account/{accountId}/lambdas/{lambdaUUID}/invoke?v=1},
 * {@code POST /api/account/{accountId}/events/{eventId}/invoke}, {@code GET /api/account/{accountId}/events/{eventId}/isImplemented},
 * each with {@code ?skillId=} where it applies. Bearer API keys as everywhere; every error is {@code {errorCode, errorMsg}}.
 * An answer with {@code Retry-After} (refused for now) is held for {@code refusalDelayMillis} ({@link HeldAnswers}), as
 * the webhooks hold theirs.
 */
@Component(service = Servlet.class, configurationPid = GatewayServlet.PID)
@Designate(ocd = GatewayConfiguration.class)
@HttpWhiteboardServletPattern(GatewayServlet.BASE_PATH + "/*")
@HttpWhiteboardServletName("switchboard-gateway-liveperson")
@HttpWhiteboardServletAsyncSupported
public final class GatewayServlet extends HttpServlet {

    public static final String PID = "io.switchboard.gateway.liveperson";
    static final String BASE_PATH = "/api/account";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServlet.class);
    /** How long a request whose caller was rescued waits for that answer to be written before it ends. */
    private static final java.time.Duration RESCUE_WRITE_WAIT = java.time.Duration.ofSeconds(10);

    private final transient Authenticator authenticator;
    private final transient GatewayOperations operations;
    private final transient HeldAnswers refusals = new HeldAnswers("switchboard-gateway-refusals");
    /** Volatile, replaced by modified(): a restart would take the gateway's path away for a moment. */
    private volatile long maxBodyBytes;
    private volatile long refusalDelayMillis;
    private volatile int maxHeldRefusals;

    @Activate
    public GatewayServlet(@Reference Authenticator authenticator, @Reference FunctionInvoker invoker, @Reference EventDispatcher dispatcher,
            @Reference ImplementedEvents implementations, @Reference EventCatalog catalog, @Reference FunctionService functions,
            GatewayConfiguration config) {
        this.authenticator = authenticator;
        this.operations = new GatewayOperations(invoker, dispatcher, implementations, catalog, functions);
        modified(config);
    }

    /** Applies a changed configuration live: the next request is read and answered against it. */
    @Modified
    void modified(GatewayConfiguration config) {
        maxBodyBytes = Math.max(1, config.maxBodyBytes());
        refusalDelayMillis = Math.max(0, config.refusalDelayMillis());
        maxHeldRefusals = Math.max(0, config.maxHeldRefusals());
    }

    /** Sends the refusals still held and stops their timer. */
    @Deactivate
    void deactivate() {
        refusals.close();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The executor may run the function on this thread (no hand-over to a worker and back): should the run not stop,
        // its housekeeping answers this caller from elsewhere (CallerRescue) while this thread stays with the run.
        CallerRescue rescue = new CallerRescue(abandoned -> rescued(request, response, abandoned));
        GatewayOperations.Answer answer;
        try {
            answer = rescue.call(() -> {
                try {
                    return answerFor(request);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!rescue.claim()) {
            // Answered already: the request ends once that answer is written, never in the middle of it.
            rescue.awaitRescue(RESCUE_WRITE_WAIT);
            LOG.debug("{} {}: the run came back after its caller was answered as a run that could not be stopped",
                    request.getMethod(), request.getRequestURI());
            return;
        }
        write(request, response, answer);
    }

    /** The answer to the request, its failures included; a body that could not be read (the client went away) is thrown. */
    private GatewayOperations.Answer answerFor(HttpServletRequest request) throws IOException {
        try {
            return route(request);
        } catch (GatewayError e) {
            LOG.debug("{} {} answered {} {}: {}", request.getMethod(), request.getRequestURI(), e.status(), e.errorCode(), e.getMessage());
            return new GatewayOperations.Answer(e.status(), errorJson(e.errorCode(), e.getMessage()), e.retryAfterSeconds(),
                    request.getContentLengthLong() > 0);
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString();
            LOG.error("{} {} failed unexpectedly (reference {})", request.getMethod(), request.getRequestURI(), reference, e);
            return new GatewayOperations.Answer(500, errorJson("com.liveperson.faas.es.general",
                    "The gateway failed unexpectedly; the server log has the details under reference " + reference));
        }
    }

    /**
     * The answer to a caller whose function could not be stopped, from the executor's housekeeping, while the request's
     * thread is still in the run: LivePerson's error for a run over its time, as the gateway answers a timeout, written
     * in full and flushed, with {@code Connection: close} (the connection carries nothing more until the run ends).
     */
    private void rescued(HttpServletRequest request, HttpServletResponse response, ExecutionResult abandoned) {
        try {
            LivePersonError error = LivePersonError.of(abandoned.outcome(), abandoned.error());
            response.setHeader("Connection", "close");
            write(request, response, new GatewayOperations.Answer(error.status(), errorJson(error.errorCode(), error.errorMsg())));
            response.flushBuffer();
            LOG.warn("{} {}: the function could not be stopped; the caller was answered {} {} without it", request.getMethod(),
                    request.getRequestURI(), error.status(), error.errorCode());
        } catch (IOException | RuntimeException e) {
            LOG.debug("The answer for a run that could not be stopped could not be sent: {}", e.toString());
        }
    }

    private GatewayOperations.Answer route(HttpServletRequest request) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        Map<String, String> query = query(request.getQueryString());
        if (parts.length != 4 || parts[0].isEmpty() || parts[2].isEmpty()) {
            throw notFound(path);
        }
        String account = decode(parts[0]);
        String target = decode(parts[2]);
        boolean lambda = parts[1].equals("lambdas") && parts[3].equals("invoke");
        boolean eventInvoke = parts[1].equals("events") && parts[3].equals("invoke");
        boolean implemented = parts[1].equals("events") && parts[3].equals("isImplemented");
        if (!lambda && !eventInvoke && !implemented) {
            throw notFound(path);
        }
        String method = implemented ? "GET" : "POST";
        if (!method.equals(request.getMethod())) {
            throw new GatewayError(405, GatewayError.METHOD_NOT_ALLOWED, request.getMethod() + " is not allowed here; use " + method);
        }
        authorize(request.getHeader("Authorization"), account, lambda);
        String version = query.get("v");
        if (version != null && !version.equals("1")) {
            throw GatewayError.badInput("?v=" + version + ": this gateway speaks version 1 of LivePerson's API");
        }
        String skill = query.get("skillId");
        if (implemented) {
            return operations.isImplemented(account, target, skill);
        }
        InvocationBody body = InvocationBody.parse(readBody(request)).withTraceParent(request.getHeader(InvocationBody.TRACEPARENT));
        return lambda ? operations.invokeLambda(account, target, body) : operations.invokeEvent(account, target, skill, body);
    }

    /** A key of another account is answered as if the account's function or event did not exist. */
    private void authorize(String authorization, String account, boolean lambda) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GatewayError(401, GatewayError.UNAUTHORIZED, "Send an API key as 'Authorization: Bearer <key>'");
        }
        Optional<Caller> caller = authenticator.authenticate(authorization.substring(7).trim());
        if (caller.isEmpty()) {
            throw new GatewayError(401, GatewayError.UNAUTHORIZED, "The API key is not valid");
        }
        if (!caller.get().mayActOn(account)) {
            throw lambda ? new GatewayError(404, GatewayError.MISSING_LAMBDA, "Account " + account + " has no such function")
                    : new GatewayError(404, GatewayError.UNKNOWN_EVENT, "No account '" + account + "' is accessible with this API key");
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new GatewayError(415, GatewayError.BAD_INPUT, "Send the invocation as application/json"
                    + (type == null ? "; no Content-Type was given" : ", not " + type));
        }
        long limit = maxBodyBytes; // read once: a live change must not split one request's checks
        if (request.getContentLengthLong() > limit) {
            throw new GatewayError(413, GatewayError.TOO_LARGE, "The body exceeds " + limit + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new GatewayError(413, GatewayError.TOO_LARGE, "The body exceeds " + limit + " bytes");
            }
            return body;
        }
    }

    private static GatewayError notFound(String path) {
        return new GatewayError(404, GatewayError.NOT_FOUND, "Nothing is served at " + BASE_PATH + path + "; the gateway serves "
                + "/{accountId}/lambdas/{lambdaUUID}/invoke, /{accountId}/events/{eventId}/invoke and /{accountId}/events/{eventId}/isImplemented");
    }

    private static Map<String, String> query(String queryString) {
        Map<String, String> values = new LinkedHashMap<>();
        if (queryString != null) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                if (!pair.isEmpty()) {
                    values.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayError.badInput("'" + text + "' is not URL-encoded");
        }
    }

    static String errorJson(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorMsg", message == null ? "" : message);
        try {
            return InvocationBody.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sets status and headers, then writes the body now or, for a refusal for now (Retry-After), when it is let go. */
    private void write(HttpServletRequest request, HttpServletResponse response, GatewayOperations.Answer answer) throws IOException {
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        if (answer.closeConnection()) {
            response.setHeader("Connection", "close"); // the body may be unread
        }
        response.setStatus(answer.status());
        response.setHeader("Cache-Control", "no-store");
        boolean refusedForNow = answer.retryAfterSeconds() > 0 && answer.status() >= 400;
        if (answer.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(answer.retryAfterSeconds()));
        }
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        if (!refusedForNow || !refusals.hold(request, refusalDelayMillis, maxHeldRefusals, () -> response.getOutputStream().write(bytes))) {
            response.getOutputStream().write(bytes);
        }
    }
}
