package io.switchboard.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Times every HTTP request of the server by ingress ({@code api}, {@code gateway}, {@code webhook}, {@code health},
 * {@code metrics}, {@code other}), event source (for webhooks: the path's segment after {@code /events/}) and status:
 * webhook rates and rejections per source, 429s and errors of the API. A whiteboard preprocessor, so it sees requests
 * that no servlet serves and answers that the request guard gives, too.
 */
@Component(service = Preprocessor.class)
public final class HttpMetrics implements Preprocessor {

    /** Event sources that get a label of their own: their names come from request paths, so they are bounded too. */
    static final int MAX_SOURCES = 100;

    private final MeterRegistry registry;
    /** Sources a request was answered 2xx for: only a path that works names a source, so unknown paths cannot add labels. */
    private final Set<String> sources = ConcurrentHashMap.newKeySet();
    /**
     * Each label combination's timer, looked up once: registering through a builder per request builds and sorts the
     * tags and an id on every request thread. Bounded like the labels: ingresses, at most {@link #MAX_SOURCES} sources
     * plus "other", and the statuses the server answers.
     */
    private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    @Activate
    public HttpMetrics(@Reference Meters meters) {
        this.registry = meters.registry();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = answer.getStatus();
        } finally {
            record(http.getRequestURI(), status, System.nanoTime() - started);
        }
    }

    void record(String path, int status, long nanos) {
        String ingress = ingress(path);
        TimerKey key = new TimerKey(ingress, "webhook".equals(ingress) ? source(path, status) : "", status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::register);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(TimerKey key) {
        return Timer.builder("switchboard.http.requests").description("HTTP requests by ingress, event source and status")
                .tag("ingress", key.ingress()).tag("source", key.source()).tag("status", Integer.toString(key.status()))
                .register(registry);
    }

    private record TimerKey(String ingress, String source, int status) {
    }

    static String ingress(String path) {
        if (path == null) {
            return "other";
        }
        if (path.startsWith("/api/v1/") || path.equals("/api/v1")) {
            return "api";
        }
        if (path.startsWith("/api/account/")) {
            return "gateway";
        }
        if (path.startsWith("/events/")) {
            return "webhook";
        }
        if (path.equals("/health") || path.startsWith("/health/")) {
            return "health";
        }
        return path.equals("/metrics") ? "metrics" : "other";
    }

    private String source(String path, int status) {
        int end = path.indexOf('/', "/events/".length());
        String source = end < 0 ? path.substring("/events/".length()) : path.substring("/events/".length(), end);
        if (sources.contains(source)) {
            return source;
        }
        if (status >= 200 && status < 300 && sources.size() < MAX_SOURCES) {
            sources.add(source);
            return source;
        }
        return LabelBudget.OTHER;
    }

    @Override
    public void init(jakarta.servlet.FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }
}
