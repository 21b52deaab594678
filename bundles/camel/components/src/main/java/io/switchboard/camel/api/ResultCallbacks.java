package io.switchboard.camel.api;

import io.switchboard.camel.internal.results.CallbackDelivery;
import java.util.Objects;
import org.apache.camel.Processor;

/** The processor of {@code event-results:} routes that delivers a settled event to the account's callback. */
public final class ResultCallbacks {

    /** HTTP header of a delivery naming the account. */
    public static final String ACCOUNT_HEADER = SwitchboardHeaders.HTTP_ACCOUNT;
    /**
     * HTTP header of a delivery carrying {@code sha256=<lower-case hex HMAC-SHA256 of "<timestamp>.<body>">} when a
     * secret is set, the timestamp being {@value #TIMESTAMP_HEADER}'s value.
     */
    public static final String SIGNATURE_HEADER = SwitchboardHeaders.HTTP_SIGNATURE;
    /** HTTP header of a signed delivery: when it was signed, in Unix seconds (receivers refuse old ones: replays). */
    public static final String TIMESTAMP_HEADER = SwitchboardHeaders.HTTP_TIMESTAMP;

    private ResultCallbacks() {
    }

    /**
     * {@code POST}s the body (the delivery document, JSON text) to the callback of the exchange's account
     * ({@code SwitchboardAccount}) with the headers {@value #ACCOUNT_HEADER} and, with a secret, {@value #TIMESTAMP_HEADER}
     * and {@value #SIGNATURE_HEADER} (the HMAC of {@code "<timestamp>.<body>"}, as a signed webhook call is made); waits at
     * most the settings' timeout. A status other than 2xx fails the exchange with {@link CallbackFailedException} (an
     * {@code IOException}), no answer with an {@code IOException}, for the route's error handling. An account without a
     * callback is logged at debug and the route stops. The processor is a Camel service: its HTTP client lives while its
     * route runs.
     */
    public static Processor delivery(CallbackSettings settings) {
        return new CallbackDelivery(Objects.requireNonNull(settings, "settings"));
    }
}
