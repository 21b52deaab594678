package io.switchboard.core.internal.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.security.Authenticator;
import io.switchboard.core.api.security.Caller;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.keys.GeneratedKeyFile;

/**
 * API keys from configuration: one admin key (overridden by the environment variable
 * {@value #ADMIN_KEY_ENV}) and keys per account. Every configured key is compared, in constant time, on
 * every call, so timing tells nothing about which key (or how much of it) matched.
 */
@Component(service = Authenticator.class, configurationPid = ApiKeyAuthenticator.PID)
@Designate(ocd = ApiKeyAuthenticator.Config.class)
public class ApiKeyAuthenticator implements Authenticator {

    public static final String PID = "io.switchboard.core.security";
    public static final String ADMIN_KEY_ENV = "SWITCHBOARD_ADMIN_KEY";

    /** The API keys. */
    @ObjectClassDefinition(name = "Switchboard API keys", description = "Admin key and per-account API keys.")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Key that may act on every account; "
                + "the environment variable SWITCHBOARD_ADMIN_KEY overrides it")
        String adminKey() default "";

        @AttributeDefinition(description = "Entries account=key; an account may have several keys")
        String[] accountKeys() default {};

        @AttributeDefinition(description = "When no admin key is configured: generate one into <data>/admin.key "
                + "(readable by its owner only) so a fresh installation can be administered")
        boolean generateAdminKey() default true;
    }

    /** File in the data folder that holds the generated admin key. */
    public static final String GENERATED_ADMIN_KEY_FILE = "admin.key";

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private static final int SHORT_KEY = 16;

    private record Key(byte[] digest, Caller caller) {
    }

    private final UnaryOperator<String> environment;
    private final Path dataFolder;
    private volatile List<Key> keys;

    @Activate
    public ApiKeyAuthenticator(Config config, BundleContext context) {
        this(config, System::getenv, DataFolder.of(context));
    }

    ApiKeyAuthenticator(Config config, UnaryOperator<String> environment, Path dataFolder) {
        this.environment = environment;
        this.dataFolder = dataFolder;
        this.keys = load(config);
    }

    @Modified
    void modified(Config config) {
        keys = load(config);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(bearerToken);
        Caller match = null;
        for (Key key : keys) {
            // No early exit: every key is compared whatever matched before.
            if (MessageDigest.isEqual(presented, key.digest()) && match == null) {
                match = key.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    private List<Key> load(Config config) {
        List<Key> loaded = new ArrayList<>();
        String fromEnvironment = environment.apply(ADMIN_KEY_ENV);
        String adminKey = fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : config.adminKey().strip();
        if (adminKey.isEmpty() && config.generateAdminKey()) {
            Path file = dataFolder.resolve(GENERATED_ADMIN_KEY_FILE);
            adminKey = GeneratedKeyFile.loadOrCreate(file, () -> LOG.warn("No admin key is configured: generated one in {}. "
                    + "Use it as 'Authorization: Bearer <key>', or set adminKey in etc/{}.cfg or {}", file, PID, ADMIN_KEY_ENV));
        }
        if (!adminKey.isEmpty()) {
            warnIfShort("the admin key", adminKey);
            loaded.add(new Key(digest(adminKey), new Caller(null, true)));
        }
        for (String entry : config.accountKeys()) {
            int eq = entry.indexOf('=');
            String account = eq < 0 ? "" : entry.substring(0, eq).strip();
            String key = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (account.isEmpty() || key.isEmpty()) {
                LOG.error("Ignoring an entry of {} accountKeys: expected account=key", PID);
                continue;
            }
            warnIfShort("the key of account " + account, key);
            loaded.add(new Key(digest(key), new Caller(account, false)));
        }
        if (loaded.isEmpty()) {
            LOG.warn("No API keys are configured ({} or {}): every API request will be refused", PID, ADMIN_KEY_ENV);
        }
        return List.copyOf(loaded);
    }

    private static void warnIfShort(String what, String key) {
        if (key.length() < SHORT_KEY) {
            LOG.warn("{} is shorter than {} characters; use a long random key", what, SHORT_KEY);
        }
    }

    /** Comparing fixed-length digests keeps the comparison time independent of the key lengths. */
    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
