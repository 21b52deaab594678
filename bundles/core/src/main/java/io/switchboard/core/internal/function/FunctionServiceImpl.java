package io.switchboard.core.internal.function;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.execution.CodeChecker;
import io.switchboard.core.api.egress.EgressPolicy;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.EventCatalog;
import io.switchboard.core.api.function.EventTypeView;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionService;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.FunctionVersion;
import io.switchboard.core.api.function.LimitBreach;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Paging;
import io.switchboard.core.internal.egress.EgressPolicyImpl;
import io.switchboard.core.internal.quota.AccountQuotas;

/** Functions of each account, their lifecycle and versions; deploys are checked against the event limits. */
@Component(service = FunctionService.class, configurationPid = FunctionServiceImpl.PID)
@Designate(ocd = FunctionServiceImpl.Config.class)
public class FunctionServiceImpl implements FunctionService {

    public static final String PID = "io.switchboard.core.functions";

    /** Caps on what a function may be. */
    @ObjectClassDefinition(name = "Switchboard functions", description = "Caps on function code and timeouts.")
    public @interface Config {
        @AttributeDefinition(description = "Maximum length of a function's code, in characters", min = "1", max = "10000000")
        int maxCodeLength() default 100_000;

        @AttributeDefinition(description = "Timeout of a function that sets none, in milliseconds", min = "1")
        long defaultTimeoutMs() default 30_000;

        @AttributeDefinition(description = "Largest timeout a function may set, in milliseconds", min = "1")
        long maxTimeoutMs() default 60_000;

        @AttributeDefinition(description = "How long dispatch keeps an account's bindings of an event in memory, in milliseconds "
                + "(changes made through this instance apply at once; another instance sharing the database sees them "
                + "after at most this long); 0 reads them from the database for every event", min = "0")
        long selectionCacheMillis() default 1_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FunctionServiceImpl.class);
    /** The lock (per account) under which creates and updates check the account's quotas; no event type has this id. */
    private static final String QUOTA_LOCK = "\u0000quota";

    private final Database database;
    private final EventCatalog catalog;
    private final DeployedFunctions deployedFunctions;
    /** Replaced as a whole by {@link #modified}, so a request sees either the old or the new caps, never a mix. */
    private volatile Caps caps;
    private final Clock clock;
    private final FunctionRepository repository = new FunctionRepository();
    private final FunctionQuota quota;
    private final BindingLocks locks = new BindingLocks();
    private final FunctionLocks functionLocks = new FunctionLocks();

    /** The executor's code check; without an executor nothing runs, and code is checked when one is installed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile CodeChecker codeChecker;

    private volatile EgressPolicy egress;

    @Activate
    public FunctionServiceImpl(@Reference Database database, @Reference EventCatalog catalog, @Reference DeployedFunctions deployedFunctions,
            @Reference AccountQuotas quotas, Config config) {
        this(database, catalog, deployedFunctions, quotas, config, Clock.systemUTC());
    }

    FunctionServiceImpl(Database database, EventCatalog catalog, DeployedFunctions deployedFunctions, AccountQuotas quotas, Config config,
            Clock clock) {
        this.database = database;
        this.quota = new FunctionQuota(quotas, repository);
        this.catalog = catalog;
        this.deployedFunctions = deployedFunctions;
        this.caps = new Caps(config, this::egressPolicy);
        this.clock = clock;
    }

    /** The caps apply live: a restart would restart every service that needs this one (REST API, event sources). */
    @Modified
    void modified(Config config) {
        caps = new Caps(config, this::egressPolicy);
        LOG.info("Function caps changed: maxCodeLength {}, defaultTimeoutMs {}, maxTimeoutMs {}", config.maxCodeLength(),
                config.defaultTimeoutMs(), config.maxTimeoutMs());
    }

    /** The configured values in use at one moment. */
    private record Caps(SpecValidator validator, long defaultTimeoutMs) {
        Caps(Config config, java.util.function.Supplier<EgressPolicy> egress) {
            this(new SpecValidator(config.maxCodeLength(), config.maxTimeoutMs(), egress), config.defaultTimeoutMs());
        }
    }

    /** Optional so that the service never waits for it; without it the strictest policy applies (no internal network). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindEgressPolicy(EgressPolicy policy) {
        egress = policy;
    }

    void unbindEgressPolicy(EgressPolicy policy) {
        if (egress == policy) {
            egress = null;
        }
    }

    private EgressPolicy egressPolicy() {
        EgressPolicy current = egress;
        return current != null ? current : STRICT_EGRESS;
    }

    private static final EgressPolicy STRICT_EGRESS = EgressPolicyImpl.admitting();

    @Override
    public Page<FunctionInfo> list(String account, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 500));
        int safePage = Math.max(0, page);
        return database.withConnection("list functions of " + account, c -> new Page<>(
                repository.list(c, account, Paging.offset(safePage, safeSize), safeSize).stream().map(this::info).toList(),
                safePage, safeSize, repository.count(c, account)));
    }

    @Override
    public FunctionInfo get(String account, String functionId) {
        return info(database.withConnection("read function " + functionId, c -> require(c, account, functionId)));
    }

    @Override
    public FunctionInfo create(String account, FunctionSpec spec) {
        FunctionSpec normalized = normalize(spec);
        caps.validator().validate(normalized, catalog, codeChecker);
        Instant now = clock.instant();
        FunctionRow row = new FunctionRow(UUID.randomUUID().toString(), account, normalized, FunctionState.DRAFT, 0, 0, now, now);
        // One create or update of an account at a time here, so two of them cannot both pass the quota check.
        locks.withLock(account, QUOTA_LOCK, () -> database.inTransaction("create function " + normalized.name(), c -> {
            requireNameFree(c, account, normalized.name(), null);
            quota.require(c, account, null, normalized);
            repository.insert(c, row);
            return null;
        }));
        LOG.info("Created function {} '{}' of account {}", row.id(), normalized.name(), account);
        return info(row);
    }

    @Override
    public FunctionInfo update(String account, String functionId, FunctionSpec spec) {
        FunctionSpec normalized = normalize(spec);
        caps.validator().validate(normalized, catalog, codeChecker);
        // The function's own lock first, then the account's quota lock (always in this order).
        FunctionRow updated = serialized(functionId, () -> locks.withLock(account, QUOTA_LOCK, () -> database.inTransaction(
                "update function " + functionId, c -> {
            FunctionRow row = requireLocked(c, account, functionId);
            requireNameFree(c, account, normalized.name(), functionId);
            quota.require(c, account, functionId, normalized);
            FunctionState state = row.state() == FunctionState.PRODUCTIVE ? FunctionState.MODIFIED : row.state();
            FunctionRow next = row.with(normalized, state, row.deployedVersion(), row.latestVersion(), clock.instant());
            repository.update(c, next);
            if (!row.spec().name().equals(normalized.name())) {
                repository.renameBinding(c, functionId, normalized.name());
            }
            return next;
        })));
        deployedFunctions.bindingsChanged(account);
        return info(updated);
    }

    @Override
    public void delete(String account, String functionId) {
        serialized(functionId, () -> database.inTransaction("delete function " + functionId, c -> {
            requireLocked(c, account, functionId);
            repository.delete(c, functionId);
            return null;
        }));
        deployedFunctions.bindingsChanged(account);
        LOG.info("Deleted function {} of account {}", functionId, account);
    }

    @Override
    public FunctionInfo deploy(String account, String functionId) {
        FunctionRow row = database.withConnection("read function " + functionId, c -> require(c, account, functionId));
        caps.validator().validate(row.spec(), catalog, codeChecker);
        FunctionRow deployed = bindUnderLimit(account, functionId, row.spec().eventType(), current -> {
            if (current.state() == FunctionState.PRODUCTIVE) {
                throw new ConflictException("Function " + functionId + " is already productive at version " + current.deployedVersion()
                        + " with no changes to deploy");
            }
            int version = current.latestVersion() + 1;
            return new Activation(current.spec(), version, version, new FunctionVersion(functionId, version, current.spec(), clock.instant()));
        });
        LOG.info("Deployed function {} '{}' of account {} as version {}", functionId, deployed.spec().name(), account, deployed.deployedVersion());
        return info(deployed);
    }

    @Override
    public FunctionInfo rollback(String account, String functionId, int version) {
        FunctionVersion target = database.withConnection("read version " + version + " of " + functionId, c -> {
            require(c, account, functionId);
            return repository.version(c, functionId, version).orElseThrow(() -> new NotFoundException(
                    "Function " + functionId + " has no version " + version));
        });
        caps.validator().validate(target.spec(), catalog, codeChecker);
        FunctionRow rolledBack = bindUnderLimit(account, functionId, target.spec().eventType(),
                current -> new Activation(target.spec(), version, current.latestVersion(), null));
        LOG.info("Rolled function {} of account {} back to version {}", functionId, account, version);
        return info(rolledBack);
    }

    @Override
    public FunctionInfo undeploy(String account, String functionId) {
        FunctionRow undeployed = serialized(functionId, () -> database.inTransaction("undeploy function " + functionId, c -> {
            FunctionRow row = requireLocked(c, account, functionId);
            if (!row.deployed()) {
                throw new ConflictException("Function " + functionId + " is " + row.state() + ", not deployed");
            }
            FunctionRow next = row.with(row.spec(), FunctionState.UNDEPLOYED, 0, row.latestVersion(), clock.instant());
            repository.update(c, next);
            repository.unbind(c, functionId);
            repository.deleteSchedules(c, functionId);
            return next;
        }));
        deployedFunctions.bindingsChanged(account);
        LOG.info("Undeployed function {} of account {}", functionId, account);
        return info(undeployed);
    }

    @Override
    public List<FunctionVersion> versions(String account, String functionId) {
        return database.withConnection("list versions of " + functionId, c -> {
            require(c, account, functionId);
            return repository.versions(c, functionId);
        });
    }

    @Override
    public List<LimitBreach> limitBreaches(String account) {
        List<Binding> bindings = database.withConnection("read bindings of " + account, c -> repository.allBindings(c, account));
        List<LimitBreach> breaches = new ArrayList<>();
        bindings.stream().map(Binding::eventType).distinct().forEach(eventType -> catalog.get(eventType).ifPresent(event ->
                breaches.addAll(LimitRules.breaches(event, account,
                        bindings.stream().filter(b -> b.eventType().equals(eventType)).toList()))));
        return breaches;
    }

    /** What a deploy or rollback makes productive. */
    private record Activation(FunctionSpec spec, int deployedVersion, int latestVersion, FunctionVersion newVersion) {
    }

    @FunctionalInterface
    private interface ActivationPlan {
        Activation plan(FunctionRow current) throws SQLException;
    }

    /**
     * Counts and binds in one transaction under the (account, event) lock: in-process first, then the database
     * row lock, which also serializes deploys of other instances sharing the database. No limit can be overshot.
     */
    private FunctionRow bindUnderLimit(String account, String functionId, String eventType, ActivationPlan plan) {
        if (eventType != null) {
            database.withConnection("prepare deploy lock", c -> {
                repository.ensureLockRow(c, account, eventType);
                return null;
            });
        }
        try {
            return serialized(functionId, () -> bindUnderLock(account, functionId, eventType, plan));
        } finally {
            deployedFunctions.bindingsChanged(account);
        }
    }

    private FunctionRow bindUnderLock(String account, String functionId, String eventType, ActivationPlan plan) {
        return locks.withLock(account, eventType, () -> database.inTransaction("deploy function " + functionId, c -> {
            if (eventType != null) {
                repository.lockBindings(c, account, eventType);
            }
            FunctionRow current = requireLocked(c, account, functionId);
            Activation activation = plan.plan(current);
            if (!Objects.equals(activation.spec().eventType(), eventType)) {
                throw new ConflictException("Function " + functionId + " changed its event while deploying; retry");
            }
            if (eventType != null) {
                checkLimit(c, account, functionId, activation.spec());
            }
            if (activation.newVersion() != null) {
                repository.insertVersion(c, activation.newVersion());
            }
            FunctionRow next = current.with(activation.spec(), FunctionState.PRODUCTIVE, activation.deployedVersion(),
                    activation.latestVersion(), clock.instant());
            repository.update(c, next);
            repository.bind(c, functionId, account, activation.spec(), activation.deployedVersion());
            return next;
        }));
    }

    private void checkLimit(Connection c, String account, String functionId, FunctionSpec spec) throws SQLException {
        EventTypeView event = catalog.get(spec.eventType()).orElseThrow(() -> new ConflictException(
                "Event type '" + spec.eventType() + "' disappeared while deploying; install its event source and retry"));
        List<Binding> others = repository.bindings(c, account, spec.eventType()).stream()
                .filter(b -> !b.functionId().equals(functionId)).toList();
        Optional<io.switchboard.core.api.function.FunctionLimitExceededException> exceeded =
                LimitRules.checkDeploy(event, others, spec.skills());
        if (exceeded.isPresent()) {
            throw exceeded.get();
        }
    }

    private FunctionRow require(Connection c, String account, String functionId) throws SQLException {
        return repository.find(c, account, functionId).orElseThrow(() -> new NotFoundException(
                "Account " + account + " has no function " + functionId));
    }

    /** The function's row, locked until the transaction ends (see {@link FunctionRepository#lock}). */
    private FunctionRow requireLocked(Connection c, String account, String functionId) throws SQLException {
        return repository.lock(c, account, functionId).orElseThrow(() -> new NotFoundException(
                "Account " + account + " has no function " + functionId));
    }

    private <T> T serialized(String functionId, java.util.function.Supplier<T> change) {
        return functionLocks.serialized(functionId, change);
    }

    private void requireNameFree(Connection c, String account, String name, String ownId) throws SQLException {
        Optional<FunctionRow> holder = repository.findByName(c, account, name);
        if (holder.isPresent() && !holder.get().id().equals(ownId)) {
            throw new ConflictException("Account " + account + " already has a function named '" + name + "' (" + holder.get().id() + ")");
        }
    }

    private long effectiveTimeout(FunctionSpec spec) {
        return effectiveTimeout(spec, caps.defaultTimeoutMs());
    }

    static long effectiveTimeout(FunctionSpec spec, long defaultTimeoutMs) {
        return spec.timeoutMs() == null ? defaultTimeoutMs : spec.timeoutMs();
    }

    private FunctionInfo info(FunctionRow row) {
        return new FunctionInfo(row.id(), row.account(), row.spec(), effectiveTimeout(row.spec()), row.state(),
                row.deployedVersion(), row.latestVersion(), row.createdAt(), row.updatedAt(), statusDetail(row));
    }

    /** A bound event whose source is gone is a named state, not an error. */
    private String statusDetail(FunctionRow row) {
        String eventType = row.spec().eventType();
        if (eventType != null && catalog.get(eventType).isEmpty()) {
            return "waiting for an event source providing '" + eventType + "'";
        }
        return null;
    }

    private static FunctionSpec normalize(FunctionSpec spec) {
        String eventType = spec.eventType() == null || spec.eventType().isBlank() ? null : spec.eventType().strip();
        return new FunctionSpec(spec.name() == null ? null : spec.name().strip(), spec.description(), spec.code(), eventType,
                spec.skills(), spec.timeoutMs(), spec.allowedDomains(), spec.env(), spec.templateId(), spec.templateVersion());
    }
}
