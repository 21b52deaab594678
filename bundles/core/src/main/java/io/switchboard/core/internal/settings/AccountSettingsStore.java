package io.switchboard.core.internal.settings;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.core.api.settings.AccountSettings;
import io.switchboard.core.api.settings.AccountSettingsService;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.db.UniqueViolation;
import io.switchboard.core.internal.json.Json;

/**
 * Account settings in the database, one JSON object per account. Executors read them on every outbound request, so
 * reads are cached for {@code cacheMillis}; another instance sharing the database sees a change after at most that long
 * (LivePerson: "changes take up to 5 minutes").
 */
@Component(service = AccountSettingsService.class, configurationPid = AccountSettingsStore.PID)
@Designate(ocd = AccountSettingsStore.Config.class)
public class AccountSettingsStore implements AccountSettingsService {

    public static final String PID = "io.switchboard.core.settings";

    /** Bounds of the account settings. */
    @ObjectClassDefinition(name = "Switchboard account settings", description = "Bounds and caching of per-account settings.")
    public @interface Config {
        @AttributeDefinition(description = "Most entries in an account's allowedDomains", min = "0")
        int maxAllowedDomains() default 100;

        @AttributeDefinition(description = "Highest per-function HTTP rate an account may set (requests per second)", min = "1")
        int maxHttpRequestsPerSecond() default 1_000;

        @AttributeDefinition(description = "How long a read is cached (ms); a change made on another instance shows after at most this", min = "0")
        long cacheMillis() default 5_000;
    }

    /** What the table keeps: the settings without the account. */
    record Stored(List<String> allowedDomains, String lpDiscoveryBaseUrl, int httpRequestsPerSecond) {
    }

    private record Cached(AccountSettings settings, long until) {
    }

    private final Database database;
    // Volatile, replaced by modified(): a restart would restart every service that needs the settings.
    private volatile AccountSettingsRules rules;
    private volatile long cacheMillis;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Activate
    public AccountSettingsStore(@Reference Database database, Config config) {
        this(database, config, Clock.systemUTC());
    }

    AccountSettingsStore(Database database, Config config, Clock clock) {
        this.database = database;
        this.rules = new AccountSettingsRules(config.maxAllowedDomains(), config.maxHttpRequestsPerSecond());
        this.cacheMillis = config.cacheMillis();
        this.clock = clock;
    }

    /** Applies changed bounds and cache time live; settings stored before stay as they are (as after a restart). */
    @Modified
    void modified(Config config) {
        rules = new AccountSettingsRules(config.maxAllowedDomains(), config.maxHttpRequestsPerSecond());
        cacheMillis = config.cacheMillis();
    }

    @Override
    public AccountSettings get(String account) {
        long now = clock.millis();
        Cached cached = cache.get(account);
        if (cached != null && cached.until() > now) {
            return cached.settings();
        }
        AccountSettings settings = database.withConnection("read settings of " + account, c -> Rows.one(c,
                "SELECT settings FROM account_settings WHERE account = ?", rs -> rs.getString(1), account))
                .map(AccountSettingsStore::parse)
                .orElse(AccountSettings.DEFAULTS);
        if (cacheMillis > 0) {
            cache.put(account, new Cached(settings, now + cacheMillis));
        }
        return settings;
    }

    @Override
    public AccountSettings put(String account, AccountSettings settings) {
        AccountSettings valid = rules.validate(settings);
        String json = Json.write(new Stored(valid.allowedDomains(), valid.lpDiscoveryBaseUrl(), valid.httpRequestsPerSecond()));
        long now = clock.millis();
        try {
            upsert(account, json, now);
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            upsert(account, json, now); // a concurrent put inserted the row first: now it is an update
        }
        cache.remove(account);
        return valid;
    }

    private void upsert(String account, String json, long now) {
        database.inTransaction("store settings of " + account, c -> {
            if (Rows.update(c, "UPDATE account_settings SET settings = ?, updated_at = ? WHERE account = ?", json, now, account) == 0) {
                Rows.update(c, "INSERT INTO account_settings (account, settings, updated_at) VALUES (?, ?, ?)", account, json, now);
            }
            return null;
        });
    }

    private static AccountSettings parse(String json) {
        Stored stored = Json.read(json, Stored.class);
        return new AccountSettings(stored.allowedDomains(), stored.lpDiscoveryBaseUrl(),
                stored.httpRequestsPerSecond() <= 0 ? AccountSettings.DEFAULT_HTTP_REQUESTS_PER_SECOND : stored.httpRequestsPerSecond());
    }
}
