package io.switchboard.camel.internal.webhook;

import java.util.Map;
import java.util.Objects;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** The {@code webhook:} component: HTTP ingress through the platform's {@code /events/*} servlet. */
public final class WebhookComponent extends DefaultComponent {

    public static final String SCHEME = "webhook";
    public static final String ROOT = "/events/";

    private final WebhookRegistry registry;

    public WebhookComponent(WebhookRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        // Camel percent-encodes the braces of a {variable} segment in the endpoint URI.
        String decoded = remaining.replace("%7B", "{").replace("%7b", "{").replace("%7D", "}").replace("%7d", "}");
        String path = decoded.startsWith("/") ? decoded : "/" + decoded;
        if (!path.startsWith(ROOT) || path.length() == ROOT.length() || path.endsWith("/")) {
            throw new IllegalArgumentException("A webhook path lives under " + ROOT + ", e.g. webhook:/events/<family>/<event>, not "
                    + uri);
        }
        WebhookPath.of(path);
        WebhookEndpoint endpoint = new WebhookEndpoint(uri, this, path);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    WebhookRegistry registry() {
        return registry;
    }
}
