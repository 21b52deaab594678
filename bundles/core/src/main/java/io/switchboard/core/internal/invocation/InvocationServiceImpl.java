package io.switchboard.core.internal.invocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationService;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.execution.ExecutionResult;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.internal.db.BatchWriter;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Paging;
import io.switchboard.core.internal.health.WorkerLife;
import io.switchboard.core.internal.quota.AccountQuotas;

/**
 * Invocation records: written by dispatch (behind the reply, in batches; see {@link BatchWriter}), read per
 * function with paging, purged after the retention period.
 */
// Also the "invocation-records" health check: a Supplier of problems (a dead record writer or purge).
@Component(service = {InvocationService.class, InvocationRecorder.class, Supplier.class}, configurationPid = InvocationServiceImpl.PID,
        property = "switchboard.health.check=invocation-records")
@Designate(ocd = InvocationServiceImpl.Config.class)
public class InvocationServiceImpl implements InvocationService, InvocationRecorder, Supplier<List<String>> {

    public static final String PID = "io.switchboard.core.invocations";

    /** How long records are kept. */
    @ObjectClassDefinition(name = "Switchboard invocation records", description = "Retention of invocation records.")
    public @interface Config {
        @AttributeDefinition(description = "Days an invocation record is kept", min = "1", max = "3650")
        int retentionDays() default 30;

        @AttributeDefinition(description = "Minutes between purges of expired records", min = "1")
        int purgeIntervalMinutes() default 60;

        @AttributeDefinition(description = "Most records written in one transaction by the record writer", min = "1", max = "100000")
        int writeBatchSize() default 500;

        @AttributeDefinition(description = "Approximate heap, in KiB, that records waiting to be written may hold; "
                + "invocations wait for room when it is full", min = "1")
        int writeQueueKiB() default 16_384;

        @AttributeDefinition(description = "Milliseconds the record writer waits for more records before it writes a batch "
                + "nobody waits for (larger, fewer transactions under load; reads do not wait for it)", min = "0", max = "10000")
        int writeLingerMillis() default 10;

        @AttributeDefinition(description = "Seconds a reader or an asynchronous task waits for queued records to be written", min = "1")
        int writeWaitSeconds() default 30;

        @AttributeDefinition(description = "Seconds between checks that accounts keep no more bytes of records than their "
                + "maxRecordBytes (io.switchboard.core.quotas)", min = "1")
        int recordQuotaCheckSeconds() default 60;

        @AttributeDefinition(description = "Longest result (JSON characters) a run may answer and store; a longer result makes "
                + "the run an ERROR " + OutputLimits.RESULT_TOO_LARGE, min = "4")
        int maxResultChars() default 1_048_576;

        @AttributeDefinition(description = "Longest error message a run answers and stores; longer ones are cut", min = "1")
        int maxErrorChars() default 8_192;

        @AttributeDefinition(description = "Most log lines a run answers and stores", min = "0")
        int maxLogLines() default 100;

        @AttributeDefinition(description = "Most characters of log messages a run answers and stores, over all its lines", min = "0")
        int maxLogChars() default 65_536;
        @AttributeDefinition(description = "Whether DEBUG log lines are stored with the record (LivePerson never stores them; "
                + "the caller of an invocation always gets them)")
        boolean persistDebugLogs() default false;

        @AttributeDefinition(description = "Whether the log lines of manual test invocations (invoke with the sample payload, the "
                + "shell) are stored with the record (LivePerson does not store them; the caller always gets them)")
        boolean persistManualInvocationLogs() default false;
    }

    private static final Logger LOG = LoggerFactory.getLogger(InvocationServiceImpl.class);

    private final Database database;
    private final Duration retention;
    private final Clock clock;
    private final InvocationRepository repository = new InvocationRepository();
    private final ScheduledExecutorService purger;
    private final BatchWriter<InvocationRecord> writer;
    private final Duration writeWait;
    private final OutputLimits limits;
    private final RecordUsage usage;
    private final WorkerLife purgeLife = new WorkerLife("invocation record purge");
    private final boolean persistDebugLogs;
    private final boolean persistManualInvocationLogs;

    @Activate
    public InvocationServiceImpl(@Reference Database database, @Reference AccountQuotas quotas, Config config) {
        this(database, quotas, config, Clock.systemUTC());
    }

    InvocationServiceImpl(Database database, AccountQuotas quotas, Config config, Clock clock) {
        this.database = database;
        this.usage = new RecordUsage(database, quotas);
        this.retention = Duration.ofDays(config.retentionDays());
        this.clock = clock;
        this.writeWait = Duration.ofSeconds(Math.max(1, config.writeWaitSeconds()));
        this.limits = new OutputLimits(config.maxResultChars(), config.maxErrorChars(), config.maxLogLines(), config.maxLogChars());
        this.persistDebugLogs = config.persistDebugLogs();
        this.persistManualInvocationLogs = config.persistManualInvocationLogs();
        this.writer = new BatchWriter<>("switchboard-invocation-writer", "invocation records",
                r -> "the record of invocation " + r.id() + " of function " + r.functionId() + " (account " + r.account() + ")",
                InvocationServiceImpl::sizeOf, this::store, config.writeBatchSize(), (int) Math.min(Integer.MAX_VALUE, config.writeQueueKiB() * 1024L),
                Duration.ofMillis(Math.max(0, config.writeLingerMillis())));
        this.purger = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-invocation-purge"));
        // Watched: a scheduled task that throws is never run again, which the health check then reports.
        purger.scheduleWithFixedDelay(purgeLife.watched(() -> purgeLife.survivingOutOfMemory(this::purgeLogged)), 60,
                Math.max(1, config.purgeIntervalMinutes()) * 60L, TimeUnit.SECONDS);
        long quotaCheck = Math.max(1, config.recordQuotaCheckSeconds());
        purger.scheduleWithFixedDelay(purgeLife.watched(() -> purgeLife.survivingOutOfMemory(this::trimLogged)), quotaCheck, quotaCheck,
                TimeUnit.SECONDS);
    }

    /** Stores a batch of records and counts their bytes to their accounts, in one transaction. */
    private void store(List<InvocationRecord> records) {
        database.inTransaction("store " + records.size() + " invocation records", c -> {
            RecordUsage.add(c, repository.insertAll(c, records));
            return null;
        });
    }

    @Deactivate
    public void close() {
        purger.shutdownNow();
        writer.close(writeWait);
    }

    /** The health check: the record writer and the purge must live. */
    @Override
    public List<String> get() {
        List<String> problems = new java.util.ArrayList<>(writer.problems());
        problems.addAll(purgeLife.problems());
        return problems;
    }

    @Override
    public ExecutionResult bounded(ExecutionResult result) {
        return limits.bound(result);
    }

    @Override
    public void record(InvocationRecord record) {
        writer.write(stored(record));
    }

    @Override
    public void recordDurably(InvocationRecord record) {
        writer.writeAndWait(stored(record), writeWait);
    }

    /** The record as stored: without DEBUG lines and without the logs of manual invocations, unless configured. */
    InvocationRecord stored(InvocationRecord r) {
        boolean dropAll = r.trigger() == Trigger.MANUAL && !persistManualInvocationLogs;
        if (r.logs().isEmpty() || (!dropAll && (persistDebugLogs || r.logs().stream().noneMatch(l -> l.level() == LogLevel.DEBUG)))) {
            return r;
        }
        List<LogLine> kept = dropAll ? List.of() : r.logs().stream().filter(l -> l.level() != LogLevel.DEBUG).toList();
        return new InvocationRecord(r.id(), r.account(), r.functionId(), r.version(), r.eventTypeId(), r.eventId(), r.trigger(),
                r.startedAt(), r.durationMs(), r.outcome(), r.resultJson(), r.error(), kept, r.traceId());
    }

    /** Records queued and not yet written (for operators and tests). */
    public int unwrittenRecords() {
        return writer.backlog();
    }

    @Override
    public Optional<InvocationRecord> successfulRun(String account, String functionId, String eventId, long acceptedAt) {
        // A minute of slack for clocks of instances sharing the database.
        return database.withConnection("find the successful run of " + functionId + " for event " + eventId,
                c -> repository.successfulRun(c, account, functionId, eventId, acceptedAt - 60_000));
    }

    @Override
    public Page<InvocationRecord> list(String account, String functionId, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, 500));
        int safePage = Math.max(0, page);
        writer.flush(writeWait);
        return database.withConnection("list invocations of " + functionId, c -> {
            if (!repository.functionExists(c, account, functionId)) {
                throw new NotFoundException("Account " + account + " has no function " + functionId);
            }
            return new Page<>(repository.list(c, account, functionId, Paging.offset(safePage, safeSize), safeSize), safePage, safeSize,
                    repository.count(c, account, functionId));
        });
    }

    @Override
    public InvocationRecord get(String account, String invocationId) {
        writer.flush(writeWait);
        return database.withConnection("read invocation " + invocationId, c -> repository.find(c, account, invocationId))
                .orElseThrow(() -> new NotFoundException("Account " + account + " has no invocation " + invocationId));
    }

    /** Deletes records older than the retention period; returns how many. */
    public int purge() {
        Instant cutoff = clock.instant().minus(retention);
        writer.flush(writeWait);
        int purged = database.inTransaction("purge invocations", c -> {
            repository.deleteSettledAsyncOlderThan(c, cutoff);
            return repository.deleteOlderThan(c, cutoff);
        }) + usage.purgeShorterRetentions(clock.instant());
        if (purged > 0) {
            LOG.info("Purged {} invocation records older than {} days", purged, retention.toDays());
        }
        return purged;
    }

    /** Deletes the oldest records of accounts above their maxRecordBytes (io.switchboard.core.quotas); returns how many. */
    public int trimAccountsOverQuota() {
        writer.flush(writeWait);
        return usage.trimAccountsOverQuota();
    }

    /** Bytes of records per account, as counted for the quotas. */
    public Map<String, Long> recordBytesByAccount() {
        writer.flush(writeWait);
        return usage.all();
    }

    private void trimLogged() {
        try {
            trimAccountsOverQuota();
        } catch (RuntimeException e) {
            LOG.error("Keeping accounts within their record quota failed; will retry in the next interval", e);
        }
    }

    /** Roughly the heap a queued record holds: its result, its error and its log lines (UTF-16, so twice the characters). */
    public static int sizeOf(InvocationRecord r) {
        long chars = 512 + length(r.resultJson());
        if (r.error() != null) {
            chars += length(r.error().errorCode()) + length(r.error().errorMsg());
        }
        for (LogLine line : r.logs()) {
            chars += 32 + length(line.message()) + length(line.extrasJson());
        }
        return (int) Math.min(Integer.MAX_VALUE, chars * 2);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private void purgeLogged() {
        try {
            purge();
        } catch (RuntimeException e) {
            LOG.error("Purging expired invocation records failed; will retry in the next interval", e);
        }
    }
}
