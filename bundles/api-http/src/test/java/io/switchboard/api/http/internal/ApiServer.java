package io.switchboard.api.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.http.internal.resource.TemplateEndpoints;
import io.switchboard.http.api.RequestBodies;
import io.switchboard.http.internal.BodyLimits;
import io.switchboard.http.internal.BoundedBodyReader;
import jakarta.servlet.Filter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The API servlet in a real Jetty 12 (the one Felix HTTP embeds) on an ephemeral loopback port, mapped
 * as the whiteboard maps it (beside the fallback servlet at {@code /}), with a plain java.net.http client.
 */
final class ApiServer implements AutoCloseable {
    /** Reads bodies with the platform's default limits, as in the distribution (its timer thread is a daemon). */
    static final BoundedBodyReader BODIES = new BoundedBodyReader(new BodyLimits(10_000, 4_096, 64, 16));

    private final Server server = new Server();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final ServerConnector connector;

    ApiServer(ApiServlet servlet, Filter filter) throws Exception {
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        if (servlet != null) {
            ServletHolder holder = new ServletHolder(servlet);
            // As the whiteboard registers it (@HttpWhiteboardServletAsyncSupported): the log streams answer asynchronously.
            holder.setAsyncSupported(true);
            context.addServlet(holder, ApiServlet.BASE_PATH + "/*");
        }
        context.addServlet(new ServletHolder(new FallbackServlet()), "/");
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
    }

    static ApiServer start(FakeCore core, ApiSettings settings) throws Exception {
        return start(core, settings, null);
    }

    static ApiServer start(FakeCore core, ApiSettings settings, Filter filter) throws Exception {
        return new ApiServer(servlet(core, settings), filter);
    }

    /** With bodies read by the given reader (other limits than the defaults). */
    static ApiServer startReading(FakeCore core, ApiSettings settings, RequestBodies bodies) throws Exception {
        CoreServices services = new CoreServices(core.functions, core.invocations, core.secrets, core.catalog,
                core.dispatcher, core.invoker, core.deadLetters, core.botService, core.accountKeys, core.drafts);
        return new ApiServer(new ApiServlet(services, core.authenticator, bodies, settings), null);
    }

    /** With answers carrying Retry-After held for {@code delayMillis}, at most {@code maxHeld} at once. */
    static ApiServer startHoldingRefusals(FakeCore core, ApiSettings settings, long delayMillis, int maxHeld) throws Exception {
        ApiServlet servlet = servlet(core, settings);
        servlet.holdRefusals(delayMillis, maxHeld);
        return new ApiServer(servlet, null);
    }

    /** Only the fallback servlet, as while the API servlet is being re-registered. */
    static ApiServer withoutApi() throws Exception {
        return new ApiServer(null, null);
    }

    /** With template endpoints bound as DS binds them when a template catalogue runs. */
    static ApiServer startWithTemplates(FakeCore core, ApiSettings settings, TemplateEndpoints templates) throws Exception {
        ApiServlet servlet = servlet(core, settings);
        servlet.templates = templates;
        return new ApiServer(servlet, null);
    }

    /** With account settings bound as DS binds them when the core offers them. */
    static ApiServer startWithAccountSettings(FakeCore core, ApiSettings settings,
            io.switchboard.core.api.settings.AccountSettingsService accountSettings) throws Exception {
        ApiServlet servlet = servlet(core, settings);
        servlet.accountSettings = accountSettings;
        return new ApiServer(servlet, null);
    }

    /** With the live log streams bound as DS binds them. */
    static ApiServer startWithLogStreams(FakeCore core, ApiSettings settings,
            io.switchboard.api.http.internal.stream.LogStreams streams) throws Exception {
        ApiServlet servlet = servlet(core, settings);
        servlet.logStreams = streams;
        return new ApiServer(servlet, null);
    }

    private static ApiServlet servlet(FakeCore core, ApiSettings settings) {
        CoreServices services = new CoreServices(core.functions, core.invocations, core.secrets, core.catalog,
                core.dispatcher, core.invoker, core.deadLetters, core.botService, core.accountKeys, core.drafts);
        return new ApiServlet(services, core.authenticator, BODIES, settings);
    }

    int port() {
        return connector.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        return key == null ? builder : builder.header("Authorization", "Bearer " + key);
    }

    Reply get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    Reply delete(String path, String key) {
        return send(request(path, key).DELETE().build());
    }

    Reply post(String path, String key, String json) {
        return send(method("POST", path, key, json));
    }

    Reply put(String path, String key, String json) {
        return send(method("PUT", path, key, json));
    }

    private HttpRequest method(String method, String path, String key, String json) {
        HttpRequest.Builder builder = request(path, key);
        if (json == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : mapper.readTree(response.body());
            return new Reply(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new AssertionError("request " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }

    /** A response with its body parsed as JSON (null when empty). */
    record Reply(int status, HttpResponse<String> response, JsonNode json) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }
    }
}
