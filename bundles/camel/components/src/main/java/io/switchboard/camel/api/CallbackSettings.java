package io.switchboard.camel.api;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an event source delivers the mapped results of its asynchronous events: one callback per account, a timeout per
 * request and a bounded number of redeliveries.
 *
 * @param targets callback per account
 * @param timeout how long one delivery may take
 * @param maximumRedeliveries redeliveries after a failed delivery (an error status or no answer)
 * @param redeliveryDelay delay before each redelivery
 */
public record CallbackSettings(Map<String, CallbackTarget> targets, Duration timeout, int maximumRedeliveries, Duration redeliveryDelay) {

    public CallbackSettings {
        targets = Map.copyOf(targets);
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
        if (maximumRedeliveries < 0) {
            throw new IllegalArgumentException("maximumRedeliveries must not be negative, not " + maximumRedeliveries);
        }
    }

    /**
     * Settings from configuration entries {@code account=url}, all signed with one secret.
     *
     * @param callbackUrls entries {@code account=url}
     * @param signingSecret the HMAC secret, or empty for unsigned deliveries
     * @throws IllegalArgumentException naming the entry that is not {@code account=url}
     */
    public static CallbackSettings of(String[] callbackUrls, String signingSecret, Duration timeout, int maximumRedeliveries,
            Duration redeliveryDelay) {
        Map<String, CallbackTarget> targets = new HashMap<>();
        for (String entry : callbackUrls == null ? new String[0] : callbackUrls) {
            int split = entry.indexOf('=');
            if (split <= 0 || split == entry.length() - 1) {
                throw new IllegalArgumentException("Callback entry '" + entry + "' is not account=url (e.g. acme=https://messaging.example/callbacks)");
            }
            String account = entry.substring(0, split).trim();
            URI url = URI.create(entry.substring(split + 1).trim());
            if (targets.put(account, new CallbackTarget(url, signingSecret)) != null) {
                throw new IllegalArgumentException("Account " + account + " has more than one callback entry; keep one");
            }
        }
        return new CallbackSettings(targets, timeout, maximumRedeliveries, redeliveryDelay);
    }

    /** The account's callback, if it has one. */
    public Optional<CallbackTarget> targetOf(String account) {
        return Optional.ofNullable(account == null ? null : targets.get(account));
    }
}
