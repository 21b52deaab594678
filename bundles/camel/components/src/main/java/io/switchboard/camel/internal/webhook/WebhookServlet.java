package io.switchboard.camel.internal.webhook;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.security.Authenticator;
import io.switchboard.http.api.BodyRefusedException;
import io.switchboard.http.api.HeldAnswers;
import io.switchboard.http.api.RequestBodies;
import io.switchboard.core.api.dispatch.LivePersonError;
import io.switchboard.core.api.execution.CallerRescue;
import io.switchboard.core.api.execution.ExecutionResult;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Enumeration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of every webhook route: {@code POST /events/...} is authenticated from its headers, its body read
 * within the platform's limits ({@link RequestBodies}), a signed call's signature checked, and the body handed to the
 * route registered for exactly that path; the route's body is the answer, with the status the route set. An answer to
 * an event the core refused for now ({@code Retry-After}) is held for {@code refusalDelayMillis} ({@link HeldAnswers}).
 */
@Component(service = Servlet.class, configurationPid = WebhookServlet.PID)
@Designate(ocd = WebhookConfiguration.class)
@HttpWhiteboardServletPattern("/events/*")
@HttpWhiteboardServletName("switchboard-webhooks")
@HttpWhiteboardServletAsyncSupported
public final class WebhookServlet extends HttpServlet {

    public static final String PID = "io.switchboard.camel.webhook";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    /** Request headers never handed to routes and functions: credentials. */
    private static final List<String> CREDENTIALS = List.of("Authorization", "Proxy-Authorization", "Cookie");
    /** How long a request whose caller was rescued waits for that answer to be written before it ends. */
    private static final java.time.Duration RESCUE_WRITE_WAIT = java.time.Duration.ofSeconds(10);

    private final transient WebhookRegistry registry;
    private final transient RequestBodies bodies;
    private final transient Authenticator authenticator;
    private final transient Clock clock;
    private final transient HeldAnswers refusals = new HeldAnswers("switchboard-webhook-refusals");
    /** Replaced by {@link #modified}: a restart would take {@code /events/*} away for a moment. */
    private transient volatile WebhookSettings settings;

    @Activate
    public WebhookServlet(@Reference WebhookRegistry registry, @Reference Authenticator authenticator, @Reference RequestBodies bodies,
            WebhookConfiguration config) {
        this(registry, authenticator, bodies, config, Clock.systemUTC());
    }

    WebhookServlet(WebhookRegistry registry, Authenticator authenticator, RequestBodies bodies, WebhookConfiguration config, Clock clock) {
        this.registry = registry;
        this.bodies = bodies;
        this.authenticator = authenticator;
        this.clock = clock;
        this.settings = WebhookSettings.of(config, authenticator, clock);
        warnIfUntimed(config);
    }

    /** Applies changed secrets, limits and header name live: the next request is checked against them. */
    @Modified
    void modified(WebhookConfiguration config) {
        settings = WebhookSettings.of(config, authenticator, clock);
        warnIfUntimed(config);
        LOG.info("{} changed: applied to the next request", PID);
    }

    /** Sends the refusals still held and stops their timer. */
    @Deactivate
    void deactivate() {
        refusals.close();
    }

    private static void warnIfUntimed(WebhookConfiguration config) {
        if (config.acceptUntimedSignatures()) {
            LOG.warn("{}: acceptUntimedSignatures is on, so signatures of the body alone are accepted and can be replayed; "
                    + "switch it off once every source signs '<timestamp>.<body>'", PID);
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<WebhookRegistry.Match> consumer = registry.consumerFor(path);
        if (consumer.isEmpty()) {
            closeIfBodyUnread(request, response);
            write(response, Problem.of(404, "not-found", "No event source accepts events at " + path
                    + " (GET /api/v1/event-types lists each event type's webhookPath)"));
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            closeIfBodyUnread(request, response);
            response.setHeader("Allow", "POST");
            write(response, Problem.of(405, "method-not-allowed", "Events are sent with POST"));
            return;
        }
        if (!isJson(request.getContentType())) {
            closeIfBodyUnread(request, response);
            write(response, Problem.of(415, "unsupported-media-type", "Send the event as application/json"
                    + (request.getContentType() == null ? "; no Content-Type was given" : ", not " + request.getContentType())));
            return;
        }
        // Who calls is decided from the headers first: a caller without a key or a plausible signature never gets as
        // far as having its body read (and holding a thread while it trickles in).
        WebhookSettings current = settings;
        WebhookAuthentication.Result caller = current.authentication().authenticate(path, request.getHeader("Authorization"),
                request.getHeader(SwitchboardHeaders.HTTP_ACCOUNT), request.getHeader(current.signatureHeader()),
                request.getHeader(SwitchboardHeaders.HTTP_TIMESTAMP));
        if (!caller.accepted()) {
            closeIfBodyUnread(request, response);
            refuse(response, caller);
            return;
        }
        byte[] body;
        try {
            body = bodies.read(request, caller.account(), current.maxBodyBytes());
        } catch (BodyRefusedException refused) {
            // The rest of the body stays unread, so the connection cannot carry another request.
            response.setHeader("Connection", "close");
            LOG.debug("Webhook {}: body of account {} refused: {}", path, caller.account(), refused.getMessage());
            write(response, Problem.forRefusedBody(refused));
            return;
        } catch (IOException clientGone) {
            // The caller stopped sending (closed the connection, or promised more bytes than it sent): nobody to answer.
            LOG.debug("Webhook {}: the request body could not be read ({})", path, clientGone.toString());
            return;
        }
        caller = caller.withBody(body);
        if (!caller.accepted()) {
            refuse(response, caller);
            return;
        }
        Optional<String> text = strictUtf8(body);
        if (text.isEmpty()) {
            write(response, Problem.of(400, "malformed-json", "The body is not valid UTF-8"));
            return;
        }
        WebhookCall call = new WebhookCall(caller.account(), text.get(), forwardedHeaders(request, current.signatureHeader()),
                consumer.get().variables(), request.getQueryString());
        // The executor may run the event's function on this thread (no hand-over to a worker and back): should the run
        // not stop, its housekeeping answers this caller from elsewhere (CallerRescue) while this thread stays with it.
        // The request stays synchronous (making every request asynchronous cost Jetty a selector wake-up per event).
        CallerRescue rescue = new CallerRescue(abandoned -> rescued(path, response, abandoned));
        WebhookReply reply = rescue.call(() -> consumer.get().consumer().handle(call));
        if (!rescue.claim()) {
            // Answered already: the request ends once that answer is written, never in the middle of it.
            rescue.awaitRescue(RESCUE_WRITE_WAIT);
            LOG.debug("Webhook {}: the run came back after its caller was answered as a run that could not be stopped", path);
            return;
        }
        answer(path, reply, request, response, current);
    }

    /**
     * The answer to a caller whose function could not be stopped, from the executor's housekeeping, while the request's
     * thread is still in the run: LivePerson's error for a run that exceeded its time ({@code 901},
     * {@code com.liveperson.faas.handler.executiontime-exceeded}), as the route would have answered it, written in full
     * (its length set) and flushed, so the client has it although the request has not ended; {@code Connection: close},
     * since the connection carries nothing more until the run ends.
     */
    private static void rescued(String path, HttpServletResponse response, ExecutionResult abandoned) {
        try {
            LivePersonError error = LivePersonError.of(abandoned.outcome(), abandoned.error());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errorCode", error.errorCode());
            body.put("errorMsg", error.errorMsg());
            byte[] bytes = Payloads.toJson(body).getBytes(StandardCharsets.UTF_8);
            response.setStatus(error.status());
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Connection", "close");
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            response.flushBuffer();
            LOG.warn("Webhook {}: its function could not be stopped; the caller was answered {} {} without it", path, error.status(),
                    error.errorCode());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Webhook {}: the answer for a run that could not be stopped could not be sent: {}", path, e.toString());
        }
    }

    private static void refuse(HttpServletResponse response, WebhookAuthentication.Result caller) throws IOException {
        if (caller.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
        }
        write(response, Problem.of(caller.status(), caller.status() == 401 ? "unauthorized"
                : caller.status() == 400 ? "bad-request" : "forbidden", caller.reason()));
    }

    private void answer(String path, WebhookReply reply, HttpServletRequest request, HttpServletResponse response,
            WebhookSettings current) throws IOException {
        if (reply.failure() != null) {
            Problem problem = Problem.forFailure(rootOf(reply.failure()));
            if (problem == null) {
                String reference = Problem.newReference();
                LOG.error("Route of webhook {} failed (reference {})", path, reference, reply.failure());
                problem = Problem.internal(reference);
            } else {
                LOG.debug("Webhook {} answered {}: {}", path, problem.status(), problem.detail());
            }
            send(request, response, head(response, problem), problem.extra().get("retryAfterSeconds") instanceof Long, current);
            return;
        }
        response.setStatus(reply.status());
        response.setHeader("Cache-Control", "no-store");
        if (reply.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(reply.retryAfterSeconds()));
        }
        if (reply.body() == null) {
            return;
        }
        byte[] bytes = reply.body() instanceof byte[] raw ? raw
                : (reply.body() instanceof String text ? text : Payloads.toJson(reply.body())).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        send(request, response, bytes, reply.retryAfterSeconds() > 0 && reply.status() >= 400, current);
    }

    /** Writes the body now, or, for a refusal for now ({@code Retry-After}), when {@link HeldAnswers} lets it go. */
    private void send(HttpServletRequest request, HttpServletResponse response, byte[] bytes, boolean refusedForNow,
            WebhookSettings current) throws IOException {
        if (!refusedForNow
                || !refusals.hold(request, current.refusalDelayMillis(), current.maxHeldRefusals(), () -> response.getOutputStream().write(bytes))) {
            response.getOutputStream().write(bytes);
        }
    }

    /** Refused before its body was read: what is left of it cannot be told from the next request on the connection. */
    private static void closeIfBodyUnread(HttpServletRequest request, HttpServletResponse response) {
        if (request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null) {
            response.setHeader("Connection", "close");
        }
    }

    /** {@code application/json} or {@code application/<something>+json}, with or without parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        // Read in place: this runs for every event, and splitting and lower-casing made three strings and an array.
        int end = contentType.indexOf(';');
        end = end < 0 ? contentType.length() : end;
        int start = 0;
        while (start < end && Character.isWhitespace(contentType.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(contentType.charAt(end - 1))) {
            end--;
        }
        int length = end - start;
        String application = "application/";
        if (length <= application.length() || !contentType.regionMatches(true, start, application, 0, application.length())) {
            return false;
        }
        return (length == "application/json".length() && contentType.regionMatches(true, start, "application/json", 0, length))
                || (length > "application/+json".length() && contentType.regionMatches(true, end - 5, "+json", 0, 5));
    }

    /** The body as text, or empty when it is not valid UTF-8 (no silent replacement characters). */
    static Optional<String> strictUtf8(byte[] body) {
        if (isAscii(body)) {
            // Most payloads: ASCII is valid UTF-8 as it is, and the JDK makes a one-byte-per-char string of it directly
            // (the decoder below goes through a char array twice the body's size).
            return Optional.of(new String(body, StandardCharsets.US_ASCII));
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(byte[] body) {
        for (byte b : body) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first cause that is one of the refusals the webhook knows, else the exception itself. */
    private static Throwable rootOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (Problem.forFailure(t) != null) {
                return t;
            }
        }
        return failure;
    }

    static Map<String, String> forwardedHeaders(HttpServletRequest request, String signatureHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        // Compared without lower-casing each name (a string per header per event); the names Jetty gives are distinct.
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            if (!isCredential(name) && !name.equalsIgnoreCase(signatureHeader)
                    && !name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
                headers.put(name, request.getHeader(name));
            }
        }
        return headers;
    }

    private static boolean isCredential(String name) {
        for (String credential : CREDENTIALS) {
            if (name.equalsIgnoreCase(credential)) {
                return true;
            }
        }
        return false;
    }

    private static void write(HttpServletResponse response, Problem problem) throws IOException {
        response.getOutputStream().write(head(response, problem));
    }

    /** Sets the problem's status and headers and returns its body, to be written now or when a held refusal is sent. */
    private static byte[] head(HttpServletResponse response, Problem problem) {
        byte[] bytes = Payloads.toJson(problem.body()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        if (problem.extra().get("retryAfterSeconds") instanceof Long seconds) {
            response.setHeader("Retry-After", Long.toString(seconds));
        }
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        return bytes;
    }
}
