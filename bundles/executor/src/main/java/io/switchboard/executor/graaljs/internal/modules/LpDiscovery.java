package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import io.switchboard.executor.toolbelt.InvocationScope;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * LivePerson's service discovery (CSDS): {@code GET <base>/api/account/<account>/service/baseURI.json?version=1.0}
 * answers {@code {baseURIs: [{service, account, baseURI}]}}; the domains are cached per base URL and account.
 */
final class LpDiscovery {
    private record Domains(Map<String, String> byService, long until) {
    }

    private final HttpExchange exchange;
    private final long cacheMillis;
    private final Clock clock;
    private final Map<String, Domains> cache = new ConcurrentHashMap<>();

    LpDiscovery(HttpExchange exchange, long cacheMillis, Clock clock) {
        this.exchange = exchange;
        this.cacheMillis = cacheMillis;
        this.clock = clock;
    }

    /** The account's discovery base URL (account setting {@code lpDiscoveryBaseUrl}); the function's error when unset. */
    static String baseUrl(AccountOutbound outbound, String account, String client) {
        String base = outbound.settings(account).lpDiscoveryBaseUrl();
        if (base.isEmpty()) {
            throw new IllegalStateException(client + " needs the LivePerson discovery URL of account " + account
                    + ": set lpDiscoveryBaseUrl with PUT /api/v1/accounts/" + account + "/settings");
        }
        return base;
    }

    /** The domain (host[:port]) of the service for the scope's account. */
    CompletableFuture<String> domain(String baseUrl, InvocationScope scope, String service) {
        return all(baseUrl, scope).thenApply(found -> {
            String domain = found.get(service);
            if (domain == null) {
                throw new UnknownServiceException("LivePerson's service discovery at " + baseUrl + " names no domain for service '"
                        + service + "' of account " + scope.account() + "; it knows " + found.keySet());
            }
            return domain;
        });
    }

    /** Every service's domain for the scope's account, in the order discovery named them (cached). */
    CompletableFuture<Map<String, String>> all(String baseUrl, InvocationScope scope) {
        String key = baseUrl + '|' + scope.account();
        Domains cached = cache.get(key);
        return cached != null && cached.until() > clock.millis()
                ? CompletableFuture.completedFuture(cached.byService())
                : fetch(baseUrl, scope).thenApply(found -> {
                    cache.put(key, new Domains(found, clock.millis() + cacheMillis));
                    return found;
                });
    }

    /** Discovery answered, but without the service asked for. */
    static final class UnknownServiceException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownServiceException(String message) {
            super(message);
        }
    }

    private CompletableFuture<Map<String, String>> fetch(String baseUrl, InvocationScope scope) {
        URI uri = URI.create(baseUrl + "/api/account/" + scope.account() + "/service/baseURI.json?version=1.0");
        Outbound request = new Outbound(uri, "GET", Map.of("accept", "application/json"), null);
        return exchange.send(request, scope, 0, 0).thenApply(answer -> {
            Map<?, ?> response = (Map<?, ?>) JsonText.parse(answer);
            int status = ((Number) response.get("status")).intValue();
            if (status != 200) {
                throw new IllegalStateException("LivePerson's service discovery at " + baseUrl + " answered " + status + " for account "
                        + scope.account());
            }
            Object body = JsonText.parse((String) response.get("body"));
            Map<String, String> found = new LinkedHashMap<>();
            if (body instanceof Map<?, ?> map && map.get("baseURIs") instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> item && item.get("service") instanceof String service && item.get("baseURI") instanceof String domain) {
                        found.put(service, domain);
                    }
                }
            }
            return java.util.Collections.unmodifiableMap(found);
        });
    }
}
