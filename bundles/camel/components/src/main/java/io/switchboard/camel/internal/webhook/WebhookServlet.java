package io.switchboard.camel.internal.webhook;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.internal.Payloads;
import io.switchboard.core.api.security.Authenticator;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of every webhook route: {@code POST /events/...} is authenticated, size-checked and handed to the
 * route registered for exactly that path; the route's body is the answer, with the status the route set.
 */
@Component(service = Servlet.class, configurationPid = WebhookServlet.PID)
@Designate(ocd = WebhookConfiguration.class)
@HttpWhiteboardServletPattern("/events/*")
@HttpWhiteboardServletName("switchboard-webhooks")
public final class WebhookServlet extends HttpServlet {

    public static final String PID = "io.switchboard.camel.webhook";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookServlet.class);
    /** Request headers never handed to routes and functions: credentials. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie");

    private final transient WebhookRegistry registry;
    private final transient WebhookAuthentication authentication;
    private final long maxBodyBytes;
    private final String signatureHeader;

    @Activate
    public WebhookServlet(@Reference WebhookRegistry registry, @Reference Authenticator authenticator, WebhookConfiguration config) {
        if (config.maxBodyBytes() < 1) {
            throw new IllegalArgumentException("maxBodyBytes of " + PID + " must be at least 1, was " + config.maxBodyBytes());
        }
        this.registry = registry;
        this.authentication = new WebhookAuthentication(authenticator,
                Arrays.stream(config.signingSecrets()).map(SigningSecret::parse).toList());
        this.maxBodyBytes = config.maxBodyBytes();
        this.signatureHeader = config.signatureHeader();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<WebhookConsumer> consumer = registry.consumerFor(path);
        if (consumer.isEmpty()) {
            write(response, Problem.of(404, "not-found", "No event source accepts events at " + path
                    + " (GET /api/v1/event-types lists each event type's webhookPath)"));
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            write(response, Problem.of(405, "method-not-allowed", "Events are sent with POST"));
            return;
        }
        byte[] body = readBounded(request);
        if (body == null) {
            // The rest of the body stays unread, so the connection cannot carry another request.
            response.setHeader("Connection", "close");
            write(response, new Problem(413, "payload-too-large", "The body exceeds " + maxBodyBytes + " bytes",
                    Map.of("maxBytes", maxBodyBytes)));
            return;
        }
        WebhookAuthentication.Result caller = authentication.authenticate(path, request.getHeader("Authorization"),
                request.getHeader(SwitchboardHeaders.HTTP_ACCOUNT), request.getHeader(signatureHeader), body);
        if (!caller.accepted()) {
            if (caller.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"switchboard\"");
            }
            write(response, Problem.of(caller.status(), caller.status() == 401 ? "unauthorized" : "forbidden", caller.reason()));
            return;
        }
        WebhookReply reply = consumer.get().handle(new WebhookCall(caller.account(), new String(body, StandardCharsets.UTF_8),
                forwardedHeaders(request)));
        answer(path, reply, response);
    }

    private void answer(String path, WebhookReply reply, HttpServletResponse response) throws IOException {
        if (reply.failure() != null) {
            Problem problem = Problem.forFailure(rootOf(reply.failure()));
            if (problem == null) {
                String reference = Problem.newReference();
                LOG.error("Route of webhook {} failed (reference {})", path, reference, reply.failure());
                problem = Problem.internal(reference);
            } else {
                LOG.debug("Webhook {} answered {}: {}", path, problem.status(), problem.detail());
            }
            write(response, problem);
            return;
        }
        response.setStatus(reply.status());
        response.setHeader("Cache-Control", "no-store");
        if (reply.body() == null) {
            return;
        }
        byte[] bytes = reply.body() instanceof byte[] raw ? raw
                : (reply.body() instanceof String text ? text : Payloads.toJson(reply.body())).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
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

    /** The body, or null when it is longer than allowed (whatever Content-Length claimed). */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            return bytes.length > maxBodyBytes ? null : bytes;
        }
    }

    private Map<String, String> forwardedHeaders(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!CREDENTIALS.contains(lower) && !lower.equals(signatureHeader.toLowerCase(Locale.ROOT))
                    && !lower.equals("content-length") && !lower.equals("host")) {
                headers.put(name, request.getHeader(name));
            }
        }
        return headers;
    }

    private static void write(HttpServletResponse response, Problem problem) throws IOException {
        byte[] bytes = Payloads.toJson(problem.body()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setHeader("Cache-Control", "no-store");
        if (problem.extra().get("retryAfterSeconds") instanceof Long seconds) {
            response.setHeader("Retry-After", Long.toString(seconds));
        }
        response.setContentType("application/problem+json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
