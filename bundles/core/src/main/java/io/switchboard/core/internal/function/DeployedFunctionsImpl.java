package io.switchboard.core.internal.function;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.internal.db.Database;

/**
 * The read side dispatch uses: deployed versions by binding, id or name. Shares the functions' configuration
 * (PID {@value FunctionServiceImpl#PID}) for the default timeout and the selection cache.
 *
 * <p>What an event selects is kept in memory per (account, event) for {@code selectionCacheMillis}, so dispatch
 * does not query the database for every event. A change through the function service of this instance drops the
 * account's entries at once (a per-account generation stops a read that raced with the change from caching what
 * it read); a change made by another instance sharing the database is seen after at most that time.
 */
@Component(service = DeployedFunctions.class, configurationPid = FunctionServiceImpl.PID)
public class DeployedFunctionsImpl implements DeployedFunctions {

    /** Entries kept at most; past it the cache starts afresh (only accounts with traffic fill it). */
    static final int MAX_CACHED_SELECTIONS = 100_000;

    private final Database database;
    // Volatile, replaced by modified(): a restart of this component would restart the function service and its dependents.
    private volatile long defaultTimeoutMs;
    private volatile long cacheNanos;
    private final FunctionRepository repository = new FunctionRepository();
    private final Map<Key, Selection> selections = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    private record Key(String account, String eventTypeId) {
    }

    /** The deployed functions bound to one (account, event), with the skills each binding covers. */
    private record Selection(List<Bound> bound, long loadedAt, long generation) {
    }

    private record Bound(Binding binding, DeployedFunction function) {
    }

    @Activate
    public DeployedFunctionsImpl(@Reference Database database, FunctionServiceImpl.Config config) {
        this.database = database;
        this.defaultTimeoutMs = config.defaultTimeoutMs();
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.selectionCacheMillis()));
    }

    /** Applies the default timeout and cache time live; cached selections carry the old default timeout, so they go. */
    @Modified
    void modified(FunctionServiceImpl.Config config) {
        defaultTimeoutMs = config.defaultTimeoutMs();
        cacheNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.selectionCacheMillis()));
        selections.clear();
    }

    @Override
    public List<DeployedFunction> selectFor(String account, String eventTypeId, String skill) {
        List<Bound> bound = selection(account, eventTypeId).bound();
        List<DeployedFunction> selected = new ArrayList<>(bound.size());
        if (skill != null) {
            for (Bound b : bound) {
                if (b.binding().skills().contains(skill)) {
                    selected.add(b.function());
                }
            }
            if (!selected.isEmpty()) {
                return selected;
            }
        }
        for (Bound b : bound) {
            if (b.binding().skills().isEmpty()) {
                selected.add(b.function());
            }
        }
        return selected;
    }

    @Override
    public List<DeployedFunction> bound(String account, String eventTypeId) {
        return selection(account, eventTypeId).bound().stream().map(Bound::function).toList();
    }

    /** What the (account, event) binds, from the cache while it is fresh. */
    private Selection selection(String account, String eventTypeId) {
        Key key = new Key(account, eventTypeId);
        AtomicLong generation = generations.computeIfAbsent(account, a -> new AtomicLong());
        long now = System.nanoTime();
        Selection selection = selections.get(key);
        if (selection == null || selection.generation() != generation.get() || now - selection.loadedAt() >= cacheNanos) {
            long readAt = generation.get();
            selection = new Selection(load(account, eventTypeId), now, readAt);
            if (cacheNanos > 0 && generation.get() == readAt) {
                if (selections.size() >= MAX_CACHED_SELECTIONS) {
                    selections.clear();
                }
                selections.put(key, selection);
            }
        }
        return selection;
    }

    @Override
    public void bindingsChanged(String account) {
        generations.computeIfAbsent(account, a -> new AtomicLong()).incrementAndGet();
        selections.keySet().removeIf(key -> key.account().equals(account));
    }

    private List<Bound> load(String account, String eventTypeId) {
        return database.withConnection("select functions for " + eventTypeId, c -> {
            List<Bound> bound = new ArrayList<>();
            for (Binding binding : repository.bindings(c, account, eventTypeId)) {
                repository.version(c, binding.functionId(), binding.version()).map(v -> deployedFunction(account, v))
                        .ifPresent(f -> bound.add(new Bound(binding, f)));
            }
            return List.copyOf(bound);
        });
    }

    @Override
    public Optional<DeployedFunction> deployed(String account, String functionRef) {
        return database.withConnection("find function " + functionRef, c -> {
            Optional<FunctionRow> row = repository.find(c, account, functionRef);
            if (row.isEmpty()) {
                row = repository.findByName(c, account, functionRef);
            }
            if (row.isEmpty() || !row.get().deployed()) {
                return Optional.empty();
            }
            return repository.version(c, row.get().id(), row.get().deployedVersion()).map(v -> deployedFunction(account, v));
        });
    }

    @Override
    public Optional<DeployedFunction> draft(String account, String functionRef) {
        return database.withConnection("find function " + functionRef, c -> {
            Optional<FunctionRow> row = repository.find(c, account, functionRef);
            if (row.isEmpty()) {
                row = repository.findByName(c, account, functionRef);
            }
            return row.map(r -> new DeployedFunction(r.id(), account, DeployedFunction.DRAFT, r.spec(),
                    Duration.ofMillis(FunctionServiceImpl.effectiveTimeout(r.spec(), defaultTimeoutMs))));
        });
    }

    @Override
    public Optional<DeployedFunction> stillDeployed(String account, String functionId, int version) {
        return database.withConnection("find function " + functionId, c -> {
            Optional<FunctionRow> row = repository.find(c, account, functionId);
            if (row.isEmpty() || !row.get().deployed()) {
                return Optional.empty();
            }
            return repository.version(c, functionId, version).map(v -> deployedFunction(account, v));
        });
    }

    @Override
    public List<Binding> bindings(String account) {
        return database.withConnection("list bindings", c -> repository.allBindings(c, account));
    }

    private DeployedFunction deployedFunction(String account, FunctionVersion version) {
        return new DeployedFunction(version.functionId(), account, version.version(), version.spec(),
                Duration.ofMillis(FunctionServiceImpl.effectiveTimeout(version.spec(), defaultTimeoutMs)));
    }
}
