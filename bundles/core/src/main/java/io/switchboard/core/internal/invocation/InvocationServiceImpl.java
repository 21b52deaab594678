package io.switchboard.core.internal.invocation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.InvocationReport;
import io.switchboard.core.api.function.ReportRange;
import io.switchboard.core.internal.invocation.report.InvocationRollup;
import java.util.function.Consumer;
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
        // 4 MiB (about 4,000 records) since round 10 of issue 18: with a webhook's function on its request thread, (a)
        // outruns the writer, and each young collection copied what a 16 MiB queue held (9.6 MB a pause against 3.9 MB,
        // pauses 12.8 ms against 5.4-6.5 ms; docs/benchmarks.md, "Round 10").
        int writeQueueKiB() default 4_096;

        // Each transaction's commit, not each record, is most of the writer's CPU (RecordWriteBenchmark, issue 18: 37-47 us
        // per record at 10 ms, 22-23 us at 50 ms, at 2,000 records/s); 50 ms made PersistenceIT lose the record of a run
        // made just before its kill -9, so 10 stays the default and 50 is for operators who accept that.
        @AttributeDefinition(description = "Milliseconds the record writer waits for more records before it writes a batch "
                + "nobody waits for, while records keep coming (larger, fewer transactions under load; reads and asynchronous "
                + "tasks do not wait for it; a kill -9 may lose up to this long of records)", min = "0", max = "10000")
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

        @AttributeDefinition(description = "Most records one CSV or JSON-lines export answers (newest first); the export "
                + "says when it was cut", min = "1")
        int maxExportRecords() default 100_000;

        @AttributeDefinition(description = "Days the per-minute rollup behind invocation reports is kept (at least the "
                + "longest report, 30 days, whatever the records' retention)", min = "30", max = "3650")
        int reportRetentionDays() default 31;
    }

    private static final Logger LOG = LoggerFactory.getLogger(InvocationServiceImpl.class);

    private final Database database;
    private final Duration retention;
    private final Clock clock;
    private final InvocationRepository repository = new InvocationRepository();
    /** The retention job (db-scheduler), when run as a component. */
    private RetentionJob retentionJob;
    private final BatchWriter<QueuedRecord> writer;
    private final RecordPolicy policy;
    private final Duration writeWait;
    private final OutputLimits limits;
    private final RecordUsage usage;
    private final boolean persistDebugLogs;
    private final boolean persistManualInvocationLogs;
    private final InvocationRollup rollup;
    private final InvocationReads reads;
    private final Duration reportRetention;

    /** Outside a framework (tests of other packages, tools): every run keeps its record; the retention job runs. */
    public InvocationServiceImpl(Database database, AccountQuotas quotas, Config config) {
        this(database, quotas, RecordPolicy.all(), config);
    }

    @Activate
    public InvocationServiceImpl(@Reference Database database, @Reference AccountQuotas quotas, @Reference RecordPolicy policy, Config config) {
        this(database, quotas, config, Clock.systemUTC(), policy);
        // Only the component runs the job; tests of the service call purge() and trimAccountsOverQuota() themselves.
        this.retentionJob = new RetentionJob(database.dataSource(), this::purge, Duration.ofMinutes(Math.max(1, config.purgeIntervalMinutes())),
                this::trimAccountsOverQuota, Duration.ofSeconds(Math.max(1, config.recordQuotaCheckSeconds())));
        retentionJob.start();
    }

    InvocationServiceImpl(Database database, AccountQuotas quotas, Config config, Clock clock) {
        this(database, quotas, config, clock, RecordPolicy.all());
    }

    InvocationServiceImpl(Database database, AccountQuotas quotas, Config config, Clock clock, RecordPolicy policy) {
        this.database = database;
        this.policy = policy;
        this.usage = new RecordUsage(database, quotas);
        this.retention = Duration.ofDays(config.retentionDays());
        this.clock = clock;
        this.writeWait = Duration.ofSeconds(Math.max(1, config.writeWaitSeconds()));
        this.limits = new OutputLimits(config.maxResultChars(), config.maxErrorChars(), config.maxLogLines(), config.maxLogChars());
        this.persistDebugLogs = config.persistDebugLogs();
        this.persistManualInvocationLogs = config.persistManualInvocationLogs();
        this.rollup = new InvocationRollup(isPostgreSql(database));
        this.reads = new InvocationReads(database, rollup, clock, Math.max(1, config.maxExportRecords()));
        this.reportRetention = Duration.ofDays(Math.max(30, config.reportRetentionDays()));
        this.writer = new BatchWriter<>("switchboard-invocation-writer", "invocation records",
                q -> "the record of invocation " + q.record().id() + " of function " + q.record().functionId() + " (account "
                        + q.record().account() + ")",
                QueuedRecord::sizeOf, this::store, config.writeBatchSize(), (int) Math.min(Integer.MAX_VALUE, config.writeQueueKiB() * 1024L),
                Duration.ofMillis(Math.max(0, config.writeLingerMillis())));
    }

    private static boolean isPostgreSql(Database database) {
        return database.withConnection("read the database's product", c -> c.getMetaData().getDatabaseProductName())
                .toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    /**
     * Stores a batch: the records kept in full, their bytes counted to their accounts, and every record of the batch
     * added to the report rollup, in one transaction.
     */
    private void store(List<QueuedRecord> batch) {
        List<InvocationRecord> all = new java.util.ArrayList<>(batch.size());
        List<InvocationRecord> full = new java.util.ArrayList<>(batch.size());
        for (QueuedRecord queued : batch) {
            all.add(queued.record());
            if (queued.full()) {
                full.add(queued.record());
            }
        }
        database.inTransaction("store " + full.size() + " of " + all.size() + " invocation records", c -> {
            if (!full.isEmpty()) {
                RecordUsage.add(c, repository.insertAll(c, full));
            }
            rollup.add(c, all);
            return null;
        });
    }

    @Deactivate
    public void close() {
        if (retentionJob != null) {
            retentionJob.close();
        }
        writer.close(writeWait);
    }

    /** The health check: the record writer must live and the retention job's last runs must have succeeded. */
    @Override
    public List<String> get() {
        List<String> problems = new java.util.ArrayList<>(writer.problems());
        if (retentionJob != null) {
            problems.addAll(retentionJob.problems());
        }
        return problems;
    }

    @Override
    public ExecutionResult bounded(ExecutionResult result) {
        return limits.bound(result);
    }

    @Override
    public void record(InvocationRecord record) {
        InvocationRecord stored = stored(record);
        writer.write(QueuedRecord.of(stored, policy.keepsInFull(stored)));
    }

    /** Always in full, whatever the record policy: an asynchronous task is settled by its stored record. */
    @Override
    public void recordDurably(InvocationRecord record) {
        writer.writeAndWait(new QueuedRecord(stored(record), true), writeWait);
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
    public Page<InvocationRecord> search(String account, String functionId, InvocationFilter filter, int page, int size) {
        writer.flush(writeWait);
        return reads.search(account, functionId, filter, page, size);
    }

    @Override
    public long export(String account, String functionId, InvocationFilter filter, Consumer<InvocationRecord> sink) {
        writer.flush(writeWait);
        return reads.export(account, functionId, filter, sink);
    }

    @Override
    public int exportLimit() {
        return reads.exportLimit();
    }

    @Override
    public InvocationReport report(String account, String functionId, ReportRange range) {
        writer.flush(writeWait);
        return reads.report(account, functionId, range);
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
            rollup.deleteOlderThan(c, clock.instant().minus(reportRetention));
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

    /** Roughly the heap a queued record holds: its result, its error and its log lines (UTF-16, so twice the characters). */
    public static int sizeOf(InvocationRecord r) {
        return QueuedRecord.sizeOf(r);
    }
}
