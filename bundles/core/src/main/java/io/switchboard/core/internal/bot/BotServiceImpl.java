package io.switchboard.core.internal.bot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.bot.BotService;
import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.UniqueViolation;
import io.switchboard.core.internal.function.DeployedFunctions;
import io.switchboard.core.internal.function.FunctionServiceImpl;

/**
 * The bots of each account, stored in the {@code bots} table. Dispatch looks a bot up for every bot event, so lookups
 * are kept in memory for the functions' {@code selectionCacheMillis} (PID {@value FunctionServiceImpl#PID}); a change
 * through this instance is seen at once, one made by another instance sharing the database after at most that time.
 */
@Component(service = {BotService.class, BotServiceImpl.class}, configurationPid = FunctionServiceImpl.PID)
public class BotServiceImpl implements BotService {

    private static final Logger LOG = LoggerFactory.getLogger(BotServiceImpl.class);
    private static final int MAX_PAGE_SIZE = 500;
    private static final int MAX_CACHED = 10_000;

    private final Database database;
    private final BotValidator validator;
    private final Clock clock;
    // Volatile, replaced by modified(): the functions' configuration changing must not restart this service's users.
    private volatile long cacheNanos;
    private final BotRepository repository = new BotRepository();
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(String account, String botId) {
    }

    private record Cached(Optional<Bot> bot, long loadedAt) {
    }

    @Activate
    public BotServiceImpl(@Reference Database database, @Reference EventCatalog catalog, @Reference DeployedFunctions functions,
            FunctionServiceImpl.Config config) {
        this(database, catalog, functions, config, Clock.systemUTC());
    }

    BotServiceImpl(Database database, EventCatalog catalog, DeployedFunctions functions, FunctionServiceImpl.Config config, Clock clock) {
        this.database = database;
        this.validator = new BotValidator(catalog, functions);
        this.clock = clock;
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.selectionCacheMillis()));
    }

    /** Applies a changed cache time live; what is cached stays valid (it does not depend on the configuration). */
    @Modified
    void modified(FunctionServiceImpl.Config config) {
        cacheNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.selectionCacheMillis()));
    }

    @Override
    public Page<Bot> list(String account, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int safePage = Math.max(0, page);
        return database.withConnection("list bots of " + account, c -> new Page<>(repository.list(c, account, safePage * safeSize, safeSize),
                safePage, safeSize, repository.count(c, account)));
    }

    @Override
    public Bot get(String account, String botId) {
        return find(account, botId).orElseThrow(() -> notFound(account, botId));
    }

    /** The bot, from memory while fresh: what dispatch asks for every bot event. */
    public Optional<Bot> find(String account, String botId) {
        Key key = new Key(account, botId);
        long now = System.nanoTime();
        Cached cached = cache.get(key);
        if (cached != null && now - cached.loadedAt() < cacheNanos) {
            return cached.bot();
        }
        Optional<Bot> bot = database.withConnection("read bot " + botId, c -> repository.find(c, account, botId));
        if (cacheNanos > 0) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(key, new Cached(bot, now));
        }
        return bot;
    }

    @Override
    public Bot create(String account, BotSpec spec) {
        Map<String, String> functions = validator.validate(account, spec);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Bot bot = new Bot(spec.id(), account, spec.vendor(), functions, now, now);
        try {
            database.inTransaction("create bot " + spec.id(), c -> {
                repository.insert(c, bot);
                return null;
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.causedBy(e)) {
                throw new ConflictException("Account " + account + " has a bot '" + spec.id() + "' already; replace it with PUT");
            }
            throw e;
        } finally {
            cache.remove(new Key(account, spec.id()));
        }
        LOG.info("Created bot {} ({}) of account {} with functions {}", bot.id(), bot.vendor().value(), account, functions);
        return bot;
    }

    @Override
    public Bot update(String account, String botId, BotSpec spec) {
        if (spec.id() != null && !spec.id().equals(botId)) {
            throw new ValidationException("Bot '" + botId + "' is invalid: 1 field error(s)",
                    List.of(new FieldError("/id", "must be '" + botId + "', the bot's id")));
        }
        Bot existing = get(account, botId);
        Map<String, String> functions = validator.validate(account, new BotSpec(botId, spec.vendor(), spec.functions()));
        Bot updated = new Bot(botId, account, spec.vendor(), functions, existing.createdAt(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        boolean found = database.inTransaction("update bot " + botId, c -> repository.update(c, updated));
        cache.remove(new Key(account, botId));
        if (!found) {
            throw notFound(account, botId);
        }
        LOG.info("Updated bot {} ({}) of account {}: functions {}", botId, updated.vendor().value(), account, functions);
        return updated;
    }

    @Override
    public void delete(String account, String botId) {
        boolean found = database.inTransaction("delete bot " + botId, c -> repository.delete(c, account, botId));
        cache.remove(new Key(account, botId));
        if (!found) {
            throw notFound(account, botId);
        }
        LOG.info("Deleted bot {} of account {}", botId, account);
    }

    private static NotFoundException notFound(String account, String botId) {
        return new NotFoundException("Account " + account + " has no bot '" + botId + "'");
    }
}
