package io.switchboard.executor.graaljs.internal.egress;

import io.switchboard.core.api.egress.EgressPolicy;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Builds the HTTP clients functions reach the network with, all checked by the {@link EgressPolicy} at connect time
 * (see {@link CheckedResolver}). Jetty's client is used because it resolves host names through a replaceable
 * {@link SocketAddressResolver} and connects to the addresses that returned; the JDK's {@code HttpClient} has no such
 * hook on JDK 17, so it could only check a name and then let the JVM resolve it again. Every module that sends
 * function traffic (HTTPClient today; fetch, LpClient, MTLSClient later) builds its client here.
 */
public final class EgressHttpClients {
    private EgressHttpClients() {
    }

    /**
     * A started client: redirects not followed (the caller decides, hop by hop), HTTP/1.1, daemon threads named after
     * {@code name}, TLS with {@code tls} (certificate and host name verified unless the factory says otherwise).
     */
    public static HttpClient start(String name, EgressPolicy policy, SslContextFactory.Client tls, Duration connectTimeout) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name);
        threads.setDaemon(true);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler(name + "-scheduler", true);
        HttpClient client = new HttpClient();
        client.setName(name);
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setSslContextFactory(tls);
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setAddressResolutionTimeout(connectTimeout.toMillis());
        client.setSocketAddressResolver(new CheckedResolver(new SocketAddressResolver.Async(threads, scheduler, connectTimeout.toMillis()),
                policy));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the HTTP client " + name, e);
        }
        return client;
    }

    /** Stops a client and its threads. */
    public static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the HTTP client " + client.getName(), e);
        }
    }
}
