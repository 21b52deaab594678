package io.switchboard.executor.graaljs.internal.modules;

import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.executor.toolbelt.InvocationScope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What the account's settings say about a function's outbound traffic, for every module that sends it (HTTPClient and
 * fetch, MTLSClient, LpClient): the effective allow-list (the account's domains plus the function's own) and the
 * per-function request rate (LivePerson: 20 per second, more are answered 429). Without the core's settings service
 * every account has the defaults.
 */
@Component(service = AccountOutbound.class)
public final class AccountOutbound {
    private final Map<String, RateWindow> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AccountSettingsService settings;

    public AccountOutbound() {
        this(System::nanoTime);
    }

    AccountOutbound(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The account's settings, or the defaults. */
    public AccountSettings settings(String account) {
        AccountSettingsService service = settings;
        return service == null ? AccountSettings.DEFAULTS : service.get(account);
    }

    /** Whether the function may reach the host: it is on the function's list or on its account's. */
    public boolean allows(InvocationScope scope, String host) {
        return DomainAllowList.allows(scope.allowedDomains(), host) || DomainAllowList.allows(settings(scope.account()).allowedDomains(), host);
    }

    /** Takes one request of the function's per-second budget; false when it is used up (answer 429). */
    public boolean admit(InvocationScope scope) {
        int perSecond = settings(scope.account()).httpRequestsPerSecond();
        long now = nanoClock.getAsLong();
        RateWindow window = windows.computeIfAbsent(scope.account() + '/' + scope.functionId(), key -> new RateWindow());
        return window.take(now, perSecond);
    }

    /** The answer a request over the rate gets instead of being sent, as LivePerson's proxy gives it. */
    static String tooManyRequests(InvocationScope scope, int perSecond) {
        return "{\"status\":429,\"headers\":{\"retry-after\":\"1\",\"content-type\":\"text/plain\"},\"body\":"
                + io.switchboard.executor.graaljs.internal.json.JsonText.quote("Too Many Requests: function " + scope.functionId()
                        + " may send at most " + perSecond + " requests per second (account setting httpRequestsPerSecond)") + "}";
    }

    /** A one-second window per function: at most {@code perSecond} requests start in any window. */
    private static final class RateWindow {
        private long windowStart = Long.MIN_VALUE;
        private int used;

        synchronized boolean take(long now, int perSecond) {
            if (windowStart == Long.MIN_VALUE || now - windowStart >= 1_000_000_000L) {
                windowStart = now;
                used = 0;
            }
            if (used >= perSecond) {
                return false;
            }
            used++;
            return true;
        }
    }
}
