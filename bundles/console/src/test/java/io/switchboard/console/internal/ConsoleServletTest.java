package io.switchboard.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console servlet in a real Jetty 12, mapped as the whiteboard maps it, serving this module's test files. */
class ConsoleServletTest {
    private final Server server = new Server();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    @BeforeEach
    void start() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new ConsoleServlet()), ConsoleServlet.PATH + "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFolderServesTheApplicationsIndexWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> index = send("GET", "/console/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("test console");
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval").doesNotContain("script-src 'self' 'unsafe-inline'"));
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(index.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void builtAssetsAreServedWithTheirTypeAndCachedForever() throws Exception {
        HttpResponse<String> script = send("GET", "/console/assets/app-1a2b3c.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo("console.log(\"app\");\n");
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void theConsoleWithoutItsSlashIsRedirectedToTheFolder() throws Exception {
        HttpResponse<String> redirect = send("GET", "/console");

        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void unknownFilesAndOtherPartsOfTheBundleAreNotFoundAsProblemJson() throws Exception {
        for (String path : new String[] {"/console/nope.js", "/console/ConsoleServlet.class", "/console/.hidden.js",
                "/console/assets/app-1a2b3c.txt", "/console/io/switchboard/console/internal/ConsoleServlet.class"}) {
            HttpResponse<String> missing = send("GET", path);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(missing.body()).as(path).contains("urn:switchboard:problem:not-found");
        }
    }

    @Test
    void headAnswersWithoutABodyAndWritingMethodsAreNotAllowed() throws Exception {
        HttpResponse<String> head = send("HEAD", "/console/");
        HttpResponse<String> post = send("POST", "/console/");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(post.headers().firstValue("Content-Security-Policy")).isPresent();
    }
}
