package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.Problem;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /accounts/{account}/settings}: LivePerson's account settings (allowed domains of all the account's functions,
 * the LivePerson discovery base URL, the per-function HTTP rate). The admin key or the account's own key may read and
 * replace them.
 */
public final class AccountSettingsResource {
    private static final String PATH = "/accounts/{account}/settings";

    private final Supplier<AccountSettingsService> settings;

    /** @param settings the settings service, or null while the core does not offer it */
    public AccountSettingsResource(Supplier<AccountSettingsService> settings) {
        this.settings = settings;
    }

    /** The settings as the API shows them. */
    public record SettingsView(String account, List<String> allowedDomains, String lpDiscoveryBaseUrl, int httpRequestsPerSecond) {
    }

    public void addRoutes(Router.Builder router) {
        router.get(PATH, request -> ApiResponse.ok(view(request.path("account"), service().get(request.path("account")))))
              .put(PATH, this::replace);
    }

    private ApiResponse replace(ApiRequest request) {
        FieldReader fields = new FieldReader(request.body().requiredObject(),
                Set.of("allowedDomains", "lpDiscoveryBaseUrl", "httpRequestsPerSecond", "account"));
        List<String> domains = fields.optionalStringList("allowedDomains");
        String url = fields.optionalString("lpDiscoveryBaseUrl");
        Long rate = fields.optionalLong("httpRequestsPerSecond", 1, Integer.MAX_VALUE);
        fields.throwIfInvalid("The account settings");
        String account = request.path("account");
        AccountSettings stored = service().put(account, new AccountSettings(domains, url,
                rate == null ? AccountSettings.DEFAULT_HTTP_REQUESTS_PER_SECOND : rate.intValue()));
        return ApiResponse.ok(view(account, stored));
    }

    private AccountSettingsService service() {
        AccountSettingsService service = settings.get();
        if (service == null) {
            throw new ProblemException(new Problem("settings-unavailable", "Account settings unavailable", 503,
                    "The core's account settings service is not running; retry in a moment."));
        }
        return service;
    }

    private static SettingsView view(String account, AccountSettings settings) {
        return new SettingsView(account, settings.allowedDomains(), settings.lpDiscoveryBaseUrl(), settings.httpRequestsPerSecond());
    }
}
