package io.switchboard.core.internal.secret;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
import io.switchboard.core.api.function.SecretInfo;
import io.switchboard.core.api.function.SecretService;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.api.store.SecretStore;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.Rows;
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

        @AttributeDefinition(description = "Longest secret value, in characters")
        int maxValueLength() default 10_000;
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,200}");

    private final Database database;
    private final SecretCipher cipher;
    private final int maxValueLength;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public SecretsImpl(@Reference Database database, Config config, BundleContext context) {
        this(database, config, DataFolder.of(context));
    }

    public SecretsImpl(Database database, Config config, Path dataFolder) {
        this.database = database;
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
        validate(name, value);
        long now = clock.millis();
        String sealed = cipher.encrypt(account, name, value);
        try {
            upsert(account, name, sealed, now);
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            upsert(account, name, sealed, now); // a concurrent put created the row first: now it is an update
        }
        return new SecretInfo(name, mask(value), Instant.ofEpochMilli(now));
    }

    private void upsert(String account, String name, String sealed, long now) {
        database.inTransaction("store secret " + name, c -> {
            if (Rows.update(c, "UPDATE secrets SET cipher_text = ?, updated_at = ? WHERE account = ? AND name = ?", sealed, now, account, name) == 0) {
                Rows.update(c, "INSERT INTO secrets (account, name, cipher_text, updated_at) VALUES (?, ?, ?, ?)", account, name, sealed, now);
            }
            return null;
        });
    }

    @Override
    public SecretInfo create(String account, String name, String value) {
        validate(name, value);
        long now = clock.millis();
        String sealed = cipher.encrypt(account, name, value);
        try {
            database.inTransaction("create secret " + name, c -> Rows.update(c,
                    "INSERT INTO secrets (account, name, cipher_text, updated_at) VALUES (?, ?, ?, ?)", account, name, sealed, now));
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
