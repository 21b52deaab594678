package io.switchboard.core.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.security.Caller;
import io.switchboard.core.api.security.IssuedKey;
import io.switchboard.core.api.security.KeyInfo;
import io.switchboard.core.internal.db.Database;

/**
 * Keys issued through the API, by digest, held in memory for authentication and read again from the database at most
 * every {@code refresh} (so a key issued or revoked by another instance sharing the database counts within that time;
 * changes made here count at once).
 */
final class IssuedKeys {

    private static final Logger LOG = LoggerFactory.getLogger(IssuedKeys.class);

    private final Database database;
    private final Duration refresh;
    private final Clock clock;
    private final IssuedKeyRepository repository = new IssuedKeyRepository();
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Map<String, Caller> byDigest = Map.of();
    private volatile List<IssuedKeyRepository.Row> rows = List.of();
    private volatile long loadedAtNanos;

    IssuedKeys(Database database, Duration refresh, Clock clock) {
        this.database = database;
        this.refresh = refresh;
        this.clock = clock;
        reload();
    }

    Optional<Caller> find(String digest) {
        if (System.nanoTime() - loadedAtNanos > refresh.toNanos() && reloading.tryLock()) {
            try {
                reload(); // one request pays for the read; the others use the keys as they were
            } finally {
                reloading.unlock();
            }
        }
        return Optional.ofNullable(byDigest.get(digest));
    }

    List<IssuedKeyRepository.Row> rows() {
        return rows;
    }

    IssuedKey issue(String account, boolean revokeOthers) {
        AccountNames.require(account);
        String key = KeyDigest.newKey();
        KeyInfo info = new KeyInfo(UUID.randomUUID().toString(), account, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        int revoked = database.inTransaction("issue a key for " + account, c -> {
            repository.insert(c, info, KeyDigest.of(key));
            return revokeOthers ? repository.deleteOthers(c, account, info.id()) : 0;
        });
        reload();
        LOG.info("Issued API key {} for account {}{}", info.id(), account, revoked > 0 ? "; revoked its " + revoked + " earlier key(s)" : "");
        return new IssuedKey(info, key);
    }

    void revoke(String account, String keyId) {
        int deleted = database.inTransaction("revoke key " + keyId, c -> repository.delete(c, account, keyId));
        if (deleted == 0) {
            throw new NotFoundException("Account " + account + " has no issued key " + keyId);
        }
        reload();
        LOG.info("Revoked API key {} of account {}", keyId, account);
    }

    Map<String, Long> functionCounts() {
        return database.withConnection("count functions per account", repository::functionCounts);
    }

    private void reload() {
        List<IssuedKeyRepository.Row> loaded = database.withConnection("load issued API keys", repository::all);
        Map<String, Caller> digests = new HashMap<>();
        loaded.forEach(row -> digests.put(row.digest(), new Caller(row.info().account(), false)));
        rows = List.copyOf(loaded);
        byDigest = Map.copyOf(digests);
        loadedAtNanos = System.nanoTime();
    }
}
