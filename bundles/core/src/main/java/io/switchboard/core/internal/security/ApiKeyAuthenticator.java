package io.switchboard.core.internal.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.security.AccountInfo;
import io.switchboard.core.api.security.AccountKeys;
import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import io.switchboard.core.api.security.IssuedKey;
import io.switchboard.core.api.security.KeyInfo;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Paging;
import io.switchboard.core.internal.keys.GeneratedKeyFile;

/**
 * API keys: one admin key (overridden by the environment variable {@value #ADMIN_KEY_ENV}), account keys from
 * configuration (in plain text or as {@code sha256:<hex>}), and account keys the admin issues through the API (stored as
 * SHA-256 only). A presented key is hashed and looked up by its digest: the digest of a random key tells nothing about
 * the key, so the look-up needs no constant-time comparison.
 */
@Component(service = {Authenticator.class, AccountKeys.class}, configurationPid = ApiKeyAuthenticator.PID)
@Designate(ocd = ApiKeyAuthenticator.Config.class)
public class ApiKeyAuthenticator implements Authenticator, AccountKeys {

    public static final String PID = "io.switchboard.core.security";
    public static final String ADMIN_KEY_ENV = "SWITCHBOARD_ADMIN_KEY";

    /** The API keys. */
    @ObjectClassDefinition(name = "Switchboard API keys", description = "Admin key and per-account API keys.")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Key that may act on every account, in plain text or "
                + "as sha256:<hex of its SHA-256>; the environment variable SWITCHBOARD_ADMIN_KEY overrides it")
        String adminKey() default "";

        @AttributeDefinition(description = "Entries account=key or account=sha256:<hex>; an account may have several keys")
        String[] accountKeys() default {};

        @AttributeDefinition(description = "When no admin key is configured: generate one into <data>/admin.key "
                + "(readable by its owner only) so a fresh installation can be administered")
        boolean generateAdminKey() default true;

        @AttributeDefinition(description = "Seconds after which keys issued or revoked by another instance sharing the database "
                + "count here (changes made through this instance count at once)", min = "1", max = "3600")
        int issuedKeyRefreshSeconds() default 5;
    }

    /** File in the data folder that holds the generated admin key. */
    public static final String GENERATED_ADMIN_KEY_FILE = "admin.key";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

    private final UnaryOperator<String> environment;
    private final Path dataFolder;
    private final IssuedKeys issued;
    private volatile ConfiguredKeys configured;

    @Activate
    public ApiKeyAuthenticator(Config config, BundleContext context, @Reference Database database) {
        this(config, System::getenv, DataFolder.of(context), database);
    }

    ApiKeyAuthenticator(Config config, UnaryOperator<String> environment, Path dataFolder, Database database) {
        this.environment = environment;
        this.dataFolder = dataFolder;
        this.issued = new IssuedKeys(database, Duration.ofSeconds(Math.max(1, config.issuedKeyRefreshSeconds())), Clock.systemUTC());
        this.configured = load(config);
    }

    @Modified
    void modified(Config config) {
        configured = load(config);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        String digest = KeyDigest.of(bearerToken);
        Caller fromConfiguration = configured.byDigest().get(digest);
        return fromConfiguration != null ? Optional.of(fromConfiguration) : issued.find(digest);
    }

    @Override
    public Page<AccountInfo> accounts(int page, int size) {
        Map<String, Long> functions = issued.functionCounts();
        Map<String, int[]> keys = new TreeMap<>();
        configured.perAccount().forEach((account, count) -> keys.computeIfAbsent(account, a -> new int[2])[0] += count);
        issued.rows().forEach(row -> keys.computeIfAbsent(row.info().account(), a -> new int[2])[1]++);
        functions.keySet().forEach(account -> keys.computeIfAbsent(account, a -> new int[2]));
        List<AccountInfo> all = keys.entrySet().stream().map(e -> new AccountInfo(e.getKey(), e.getValue()[0], e.getValue()[1],
                functions.getOrDefault(e.getKey(), 0L))).toList();
        int safeSize = Math.max(1, size);
        int from = Math.min(all.size(), Paging.offset(page, safeSize));
        return new Page<>(all.subList(from, Math.min(all.size(), from + safeSize)), Math.max(0, page), safeSize, all.size());
    }

    @Override
    public IssuedKey issue(String account, boolean revokeOthers) {
        return issued.issue(account, revokeOthers);
    }

    @Override
    public List<KeyInfo> keys(String account) {
        return issued.rows().stream().map(IssuedKeyRepository.Row::info).filter(info -> info.account().equals(account)).toList();
    }

    @Override
    public void revoke(String account, String keyId) {
        issued.revoke(account, keyId);
    }

    private ConfiguredKeys load(Config config) {
        String fromEnvironment = environment.apply(ADMIN_KEY_ENV);
        boolean outsideConfiguration = fromEnvironment != null && !fromEnvironment.isBlank();
        String adminKey = outsideConfiguration ? fromEnvironment.strip() : config.adminKey().strip();
        if (adminKey.isEmpty() && config.generateAdminKey()) {
            Path file = dataFolder.resolve(GENERATED_ADMIN_KEY_FILE);
            adminKey = GeneratedKeyFile.loadOrCreate(file, () -> LOG.warn("No admin key is configured: generated one in {}. "
                    + "Use it as 'Authorization: Bearer <key>', or set adminKey in etc/{}.cfg or {}", file, PID, ADMIN_KEY_ENV));
            outsideConfiguration = true; // generated: it is in its own file (0600), not in the configuration
        }
        ConfiguredKeys keys = ConfiguredKeys.of(adminKey, config.accountKeys(), !outsideConfiguration);
        if (keys.byDigest().isEmpty() && issued.rows().isEmpty()) {
            LOG.warn("No API keys are configured ({} or {}): every API request will be refused", PID, ADMIN_KEY_ENV);
        }
        return keys;
    }
}
