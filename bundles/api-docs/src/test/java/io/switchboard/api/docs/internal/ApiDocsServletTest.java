package io.switchboard.api.docs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiDocsServletTest {

    private final ApiDocsServlet servlet = new ApiDocsServlet();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final StringWriter text = new StringWriter();

    private HttpServletResponse get(String pathInfo) throws Exception {
        HttpServletRequest request = mock(HttpServletRequest.class);
        when(request.getPathInfo()).thenReturn(pathInfo);
        when(request.getContextPath()).thenReturn("");
        when(request.getServletPath()).thenReturn("/api/docs");
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        });
        when(response.getWriter()).thenReturn(new PrintWriter(text));
        servlet.doGet(request, response);
        return response;
    }

    @Test
    void thePageLoadsSwaggerUiFromThisBundleAndPointsItAtTheDescription() throws Exception {
        HttpServletResponse page = get("/");
        verify(page).setContentType("text/html; charset=utf-8");
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("swagger-ui-bundle.js", "switchboard-init.js").doesNotContain("http");

        body.reset();
        get("/switchboard-init.js");
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("url: '/api/v1/openapi.json'", "Authorization");
    }

    @Test
    void swaggerUisOwnFilesComeFromTheWebJar() throws Exception {
        HttpServletResponse script = get("/swagger-ui-bundle.js");
        verify(script).setContentType("text/javascript; charset=utf-8");
        assertThat(body.size()).isGreaterThan(1_000_000);
        body.reset();
        get("/swagger-ui.css");
        assertThat(body.size()).isGreaterThan(10_000);
    }

    @Test
    void anythingElseIsNotFoundAndNoPathLeavesTheFolder() throws Exception {
        for (String path : new String[] {"/nothing.js", "/../ApiDocsServlet.class", "/META-INF/MANIFEST.MF", "/swagger-ui.js.map", "/x/index.html"}) {
            HttpServletResponse response = get(path);
            verify(response).setStatus(404);
        }
        assertThat(body.size()).isZero();
    }

    @Test
    void theFolderWithoutItsSlashIsRedirectedSoRelativeLinksWork() throws Exception {
        HttpServletResponse response = get(null);
        verify(response).sendRedirect("/api/docs/");
    }
}
