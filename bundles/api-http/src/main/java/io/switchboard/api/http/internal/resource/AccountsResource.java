package io.switchboard.api.http.internal.resource;

import io.switchboard.api.http.internal.ApiSettings;
import io.switchboard.api.http.internal.json.FieldReader;
import io.switchboard.api.http.internal.json.Views;
import io.switchboard.api.http.internal.routing.Router;
import io.switchboard.api.http.internal.web.ApiRequest;
import io.switchboard.api.http.internal.web.ApiResponse;
import io.switchboard.api.http.internal.web.PageRequest;
import io.switchboard.api.http.internal.web.ProblemException;
import io.switchboard.api.http.internal.web.Problems;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.security.AccountInfo;
import io.switchboard.core.api.security.AccountKeys;
import io.switchboard.core.api.security.IssuedKey;
import io.switchboard.core.api.security.KeyInfo;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * {@code /accounts} and {@code /accounts/{account}/keys} (admin key only): the accounts, and API keys issued, rotated and
 * revoked. A new key is in the answer to its {@code POST} and nowhere else; the core stores its SHA-256.
 */
public final class AccountsResource {
    private static final String KEYS = "/accounts/{account}/keys";

    private final AccountKeys keys;
    private final ApiSettings settings;

    public AccountsResource(AccountKeys keys, ApiSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /** An account: its name, its keys (configured and issued) and its functions. */
    public record AccountView(String account, int configuredKeys, int issuedKeys, long functions) {
    }

    /** An issued key without the key. */
    public record KeyView(String id, String account, String createdAt) {
    }

    /** A key just issued: the key itself is shown this once. */
    public record IssuedKeyView(String id, String account, String createdAt, String key) {
    }

    public void addRoutes(Router.Builder router) {
        router.get("/accounts", this::accounts)
              .get(KEYS, this::list)
              .post(KEYS, this::issue)
              .delete(KEYS + "/{keyId}", this::revoke);
    }

    private ApiResponse accounts(ApiRequest request) {
        requireAdmin(request);
        PageRequest page = PageRequest.from(request, settings);
        Page<AccountInfo> accounts = keys.accounts(page.page(), page.size());
        return ApiResponse.ok(new Views.PageView<>(accounts.items().stream().map(AccountsResource::view).toList(), accounts.page(),
                accounts.size(), accounts.total()));
    }

    private ApiResponse list(ApiRequest request) {
        requireAdmin(request);
        return ApiResponse.ok(new Views.Items<>(keys.keys(request.path("account")).stream().map(AccountsResource::view).toList()));
    }

    private ApiResponse issue(ApiRequest request) {
        requireAdmin(request);
        FieldReader fields = new FieldReader(request.body().objectOrEmpty(), Set.of("revokeOthers"));
        var revokeOthers = fields.optionalNode("revokeOthers");
        if (revokeOthers != null && !revokeOthers.isBoolean()) {
            fields.reject("/revokeOthers", "must be true or false");
        }
        fields.throwIfInvalid("The key request");
        IssuedKey issued = keys.issue(request.path("account"), revokeOthers != null && revokeOthers.booleanValue());
        KeyInfo info = issued.info();
        return ApiResponse.created(request.location("/accounts/" + info.account() + "/keys/" + info.id()),
                new IssuedKeyView(info.id(), info.account(), time(info), issued.key()));
    }

    private ApiResponse revoke(ApiRequest request) {
        requireAdmin(request);
        keys.revoke(request.path("account"), request.path("keyId"));
        return ApiResponse.noContent();
    }

    private static void requireAdmin(ApiRequest request) {
        if (!request.caller().admin()) {
            throw new ProblemException(Problems.forbidden("Accounts and their keys are managed with the admin key."));
        }
    }

    private static AccountView view(AccountInfo info) {
        return new AccountView(info.account(), info.configuredKeys(), info.issuedKeys(), info.functions());
    }

    private static KeyView view(KeyInfo info) {
        return new KeyView(info.id(), info.account(), time(info));
    }

    private static String time(KeyInfo info) {
        return info.createdAt().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
