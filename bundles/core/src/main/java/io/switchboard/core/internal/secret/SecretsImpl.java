package io.switchboard.core.internal.secret;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.QuotaExceededException;
import io.switchboard.core.api.function.SecretInfo;
import io.switchboard.core.api.function.SecretService;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.quota.AccountQuotas;
import io.switchboard.core.internal.db.UniqueViolation;

/** Per-account secrets, AES-GCM encrypted at rest; the management side only ever sees masked values. */
@Component(service = {SecretService.class, SecretStore.class}, configurationPid = SecretsImpl.PID)
@Designate(ocd = SecretsImpl.Config.class)
public class SecretsImpl implements SecretService, SecretStore {

    public static final String PID = "io.switchboard.core.secrets";

    /** The encryption key of the secrets. */
    @ObjectClassDefinition(name = "Switchboard secrets", description = "Encryption of secrets at rest.")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Base64 of a 128, 192 or 256-bit AES key; the "
                + "environment variable SWITCHBOARD_SECRETS_KEY overrides it; empty and no keyFile: a key is generated once into "
                + "<switchboard.data>/secrets.key, which only this instance has (instances sharing a database need one key)")
        String key() default "";

        @AttributeDefinition(description = "File holding the base64 key (e.g. a mounted secret), used when neither "
                + "SWITCHBOARD_SECRETS_KEY nor key is set; a relative path is resolved against <switchboard.data>")
        String keyFile() default "";

        @AttributeDefinition(description = "Longest secret value, in characters", min = "1", max = "1000000")
        int maxValueLength() default 10_000;
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    private final Database database;
    private final AccountQuotas quotas;
    /** Per account: a new secret is counted and inserted by one caller at a time here, so two cannot pass the quota together. */
    private final ConcurrentMap<String, ReentrantLock> creating = new ConcurrentHashMap<>();
    private final SecretCipher cipher;
    private final int maxValueLength;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public SecretsImpl(@Reference Database database, @Reference AccountQuotas quotas, Config config, BundleContext context) {
        this(database, quotas, config, DataFolder.of(context));
    }

    public SecretsImpl(Database database, AccountQuotas quotas, Config config, Path dataFolder) {
        this.database = database;
        this.quotas = quotas;
        this.cipher = new SecretCipher(SecretKeySource.resolve(config, dataFolder, System.getenv()).key());
        this.maxValueLength = config.maxValueLength();
    }

    @Override
    public List<SecretInfo> list(String account) {
        return database.withConnection("list secrets of " + account, c -> Rows.list(c,
                "SELECT name, cipher_text, updated_at FROM secrets WHERE account = ? ORDER BY name",
                rs -> info(account, rs.getString(1), rs.getString(2), rs.getLong(3)), account));
    }

    @Override
    public SecretInfo get(String account, String name) {
        return database.withConnection("read secret " + name, c -> Rows.one(c,
                        "SELECT name, cipher_text, updated_at FROM secrets WHERE account = ? AND name = ?",
                        rs -> info(account, rs.getString(1), rs.getString(2), rs.getLong(3)), account, name))
                .orElseThrow(() -> new NotFoundException("Account " + account + " has no secret " + name));
    }

    @Override
    public SecretInfo put(String account, String name, String value) {
        return put(account, name, SecretValue.string(value));
    }

    @Override
    public SecretInfo putJson(String account, String name, String valueJson) {
        return put(account, name, SecretValue.json(valueJson));
    }

    private SecretInfo put(String account, String name, SecretValue value) {
        validate(name, value.text());
        long now = clock.millis();
        String sealed = cipher.encrypt(account, name, value.text());
        try {
            upsert(account, name, sealed, value.isJson(), now);
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            upsert(account, name, sealed, value.isJson(), now); // a concurrent put created the row first: now it is an update
        }
        return new SecretInfo(name, mask(value.text()), Instant.ofEpochMilli(now));
    }

    private void upsert(String account, String name, String sealed, boolean json, long now) {
        withCreateLock(account, () -> database.inTransaction("store secret " + name, c -> {
            if (Rows.update(c, "UPDATE secrets SET cipher_text = ?, value_json = ?, updated_at = ? WHERE account = ? AND name = ?",
                    sealed, json, now, account, name) == 0) {
                requireRoomForOneMore(c, account);
                Rows.update(c, "INSERT INTO secrets (account, name, cipher_text, value_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                        account, name, sealed, json, now);
            }
            return null;
        }));
    }

    /** maxSecrets of {@link AccountQuotas}: functions write secrets too (SecretClient), so this bounds them as well. */
    private void requireRoomForOneMore(Connection c, String account) throws SQLException {
        long limit = quotas.of(account).maxSecrets();
        long after = Rows.count(c, "SELECT COUNT(*) FROM secrets WHERE account = ?", account) + 1;
        if (!AccountQuotas.within(limit, after)) {
            throw new QuotaExceededException(account, QuotaExceededException.Quota.MAX_SECRETS, limit, after,
                    "Delete secrets the account no longer needs.");
        }
    }

    private <T> T withCreateLock(String account, Supplier<T> work) {
        ReentrantLock lock = creating.computeIfAbsent(account, a -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SecretInfo create(String account, String name, String value) {
        return create(account, name, SecretValue.string(value));
    }

    @Override
    public SecretInfo createJson(String account, String name, String valueJson) {
        return create(account, name, SecretValue.json(valueJson));
    }

    private SecretInfo create(String account, String name, SecretValue secret) {
        String value = secret.text();
        validate(name, value);
        long now = clock.millis();
        String sealed = cipher.encrypt(account, name, value);
        try {
            withCreateLock(account, () -> database.inTransaction("create secret " + name, c -> {
                requireRoomForOneMore(c, account);
                return Rows.update(c, "INSERT INTO secrets (account, name, cipher_text, value_json, updated_at) VALUES (?, ?, ?, ?, ?)",
                        account, name, sealed, secret.isJson(), now);
            }));
        } catch (DataAccessException e) {
            if (UniqueViolation.causedBy(e)) {
                throw new ConflictException("Secret '" + name + "' already exists in account " + account + "; replace it with PUT");
            }
            throw e;
        }
        return new SecretInfo(name, mask(value), Instant.ofEpochMilli(now));
    }

    @Override
    public void delete(String account, String name) {
        int deleted = database.withConnection("delete secret " + name,
                c -> Rows.update(c, "DELETE FROM secrets WHERE account = ? AND name = ?", account, name));
        if (deleted == 0) {
            throw new NotFoundException("Account " + account + " has no secret " + name);
        }
    }

    @Override
    public Optional<String> read(String account, String name) {
        return database.withConnection("read secret " + name, c -> Rows.one(c,
                "SELECT cipher_text FROM secrets WHERE account = ? AND name = ?", rs -> rs.getString(1), account, name))
                .map(sealed -> cipher.decrypt(account, name, sealed));
    }

    @Override
    public void write(String account, String name, String value) {
        put(account, name, value);
    }

    @Override
    public Optional<String> readJson(String account, String name) {
        return database.withConnection("read secret " + name, c -> Rows.one(c,
                "SELECT cipher_text, value_json FROM secrets WHERE account = ? AND name = ?",
                rs -> new SecretValue(cipher.decrypt(account, name, rs.getString(1)), rs.getBoolean(2)), account, name))
                .map(SecretValue::asJson);
    }

    @Override
    public boolean updateJson(String account, String name, String valueJson) {
        SecretValue value = SecretValue.json(valueJson);
        validate(name, value.text());
        String sealed = cipher.encrypt(account, name, value.text());
        return database.withConnection("update secret " + name, c -> Rows.update(c,
                "UPDATE secrets SET cipher_text = ?, value_json = ?, updated_at = ? WHERE account = ? AND name = ?",
                sealed, value.isJson(), clock.millis(), account, name)) > 0;
    }

    private void validate(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("Invalid secret name", List.of(new FieldError("/name", "must be 1-200 of A-Z a-z 0-9 _ . -")));
        }
        if (value == null || value.length() > maxValueLength) {
            throw new ValidationException("Invalid secret value", List.of(new FieldError("/value", "is required and at most "
                    + maxValueLength + " characters")));
        }
    }

    private SecretInfo info(String account, String name, String sealed, long updatedAt) {
        return new SecretInfo(name, mask(cipher.decrypt(account, name, sealed)), Instant.ofEpochMilli(updatedAt));
    }

    /** Never the full value: short values are fully hidden, longer ones show their last two characters. */
    static String mask(String value) {
        return value.length() < 8 ? "********" : "********" + value.substring(value.length() - 2);
    }
}
