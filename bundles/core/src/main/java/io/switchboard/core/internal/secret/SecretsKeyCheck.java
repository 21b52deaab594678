package io.switchboard.core.internal.secret;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.internal.db.DataAccessException;
import io.switchboard.core.internal.db.DataFolder;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Rows;
import io.switchboard.core.internal.db.UniqueViolation;

/**
 * A health check ({@code /health}, check {@value #NAME}): whether this instance's secrets key is the one the database's
 * secrets are encrypted with. The first instance stores a constant encrypted with its key (table
 * {@code secrets_key_check}); every instance decrypts it when it starts. An instance given another key (say, each
 * generated its own) reports that it cannot read the shared secrets instead of failing on the first read.
 */
@Component(service = Supplier.class, configurationPid = SecretsImpl.PID, property = SecretsKeyCheck.PROPERTY + "=" + SecretsKeyCheck.NAME)
public class SecretsKeyCheck implements Supplier<List<String>> {

    static final String PROPERTY = "switchboard.health.check";
    static final String NAME = "secrets-key";
    /** Account and name the check value is sealed under (associated data): no real secret can have an empty account. */
    private static final String ACCOUNT = "";
    private static final String CHECK = "switchboard secrets key check";
    private static final Logger LOG = LoggerFactory.getLogger(SecretsKeyCheck.class);

    private final List<String> problems;

    @Activate
    public SecretsKeyCheck(@Reference Database database, SecretsImpl.Config config, BundleContext context) {
        this(database, config, DataFolder.of(context), System.getenv());
    }

    SecretsKeyCheck(Database database, SecretsImpl.Config config, Path dataFolder, Map<String, String> environment) {
        SecretKeySource source = SecretKeySource.resolve(config, dataFolder, environment);
        this.problems = check(database, new SecretCipher(source.key()), source.origin());
        problems.forEach(problem -> LOG.error("Secrets: {}", problem));
    }

    @Override
    public List<String> get() {
        return problems;
    }

    private static List<String> check(Database database, SecretCipher cipher, String origin) {
        Optional<String> stored = database.withConnection("read the secrets key check", c -> Rows.one(c,
                "SELECT cipher_text FROM secrets_key_check WHERE id = 1", rs -> rs.getString(1)));
        if (stored.isEmpty()) {
            Optional<String> unreadable = firstUnreadableSecret(database, cipher);
            if (unreadable.isPresent()) {
                return List.of(wrongKey(origin, "the stored secret " + unreadable.get()));
            }
            stored = Optional.of(storeCheck(database, cipher));
        }
        try {
            cipher.decrypt(ACCOUNT, NAME, stored.get());
            return List.of();
        } catch (IllegalStateException e) {
            return List.of(wrongKey(origin, "the key check that the first instance stored"));
        }
    }

    /** An installation from before the check: its secrets tell which key they need. */
    private static Optional<String> firstUnreadableSecret(Database database, SecretCipher cipher) {
        return database.withConnection("read a stored secret", c -> Rows.one(c,
                "SELECT account, name, cipher_text FROM secrets ORDER BY account, name FETCH FIRST 1 ROWS ONLY",
                rs -> {
                    try {
                        cipher.decrypt(rs.getString(1), rs.getString(2), rs.getString(3));
                        return "";
                    } catch (IllegalStateException e) {
                        return rs.getString(2) + " of account " + rs.getString(1);
                    }
                })).filter(name -> !name.isEmpty());
    }

    /** Stores the check value; when another instance stored one at the same time, that one counts. */
    private static String storeCheck(Database database, SecretCipher cipher) {
        String sealed = cipher.encrypt(ACCOUNT, NAME, CHECK);
        try {
            database.withConnection("store the secrets key check", c -> Rows.update(c,
                    "INSERT INTO secrets_key_check (id, cipher_text, created_at) VALUES (1, ?, ?)", sealed, System.currentTimeMillis()));
            return sealed;
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            return database.withConnection("read the secrets key check", c -> Rows.one(c,
                    "SELECT cipher_text FROM secrets_key_check WHERE id = 1", rs -> rs.getString(1))).orElseThrow();
        }
    }

    private static String wrongKey(String origin, String what) {
        return "this instance's secrets key (from " + origin + ") cannot decrypt " + what + ": the database's secrets were "
                + "encrypted with another key and cannot be read here. Give every instance sharing the database the same key "
                + "(environment variable " + SecretKeySource.ENVIRONMENT + ", or 'key' or 'keyFile' of " + SecretsImpl.PID + ")";
    }
}
