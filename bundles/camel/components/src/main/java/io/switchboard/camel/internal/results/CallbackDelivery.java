package io.switchboard.camel.internal.results;

import io.switchboard.camel.api.CallbackFailedException;
import io.switchboard.camel.api.CallbackSettings;
import io.switchboard.camel.api.CallbackTarget;
import io.switchboard.camel.api.ResultCallbacks;
import io.switchboard.camel.api.SwitchboardHeaders;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posts a mapped result to the account's callback; see {@code ResultCallbacks.delivery}. */
public final class CallbackDelivery extends ServiceSupport implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackDelivery.class);

    private final CallbackSettings settings;
    private ExecutorService clientThreads;
    private volatile HttpClient client;

    public CallbackDelivery(CallbackSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doStart() {
        clientThreads = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "switchboard-result-callbacks");
            thread.setDaemon(true);
            return thread;
        });
        // The client's selector thread inherits the context class loader: keep the bundle's out of it.
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            client = HttpClient.newBuilder().connectTimeout(settings.timeout()).executor(clientThreads).build();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    @Override
    protected void doStop() {
        client = null;
        if (clientThreads != null) {
            clientThreads.shutdownNow();
            clientThreads = null;
        }
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String account = message.getHeader(SwitchboardHeaders.ACCOUNT, String.class);
        Optional<CallbackTarget> target = settings.targetOf(account);
        if (target.isEmpty()) {
            LOG.debug("Account {} has no result callback: the result of invocation {} (event {}) is not delivered", account,
                    message.getHeader(SwitchboardHeaders.INVOCATION_ID), message.getHeader(SwitchboardHeaders.EVENT_ID));
            exchange.setRouteStop(true);
            return;
        }
        HttpClient current = client;
        if (current == null) {
            throw new IllegalStateException("The result delivery of route " + exchange.getFromRouteId() + " is stopped");
        }
        byte[] body = message.getMandatoryBody(String.class).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(target.get().url()).timeout(settings.timeout())
                .header("Content-Type", "application/json").header(ResultCallbacks.ACCOUNT_HEADER, account)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.get().signingSecret() != null) {
            // Signed as the webhooks are: the timestamp is part of what is signed, so a receiver can refuse replays.
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            request.header(ResultCallbacks.TIMESTAMP_HEADER, timestamp)
                    .header(ResultCallbacks.SIGNATURE_HEADER, "sha256=" + hmac(target.get().signingSecret(), timestamp, body));
        }
        HttpResponse<Void> response = current.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new CallbackFailedException("Callback " + target.get().url() + " of account " + account + " answered "
                    + response.statusCode(), response.statusCode());
        }
        LOG.debug("Delivered the result of invocation {} to {}", message.getHeader(SwitchboardHeaders.INVOCATION_ID), target.get().url());
    }

    /** Lower-case hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
    static String hmac(String secret, String timestamp, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
