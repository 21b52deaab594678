package io.switchboard.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import io.switchboard.core.internal.health.WorkerLife;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The housekeeping of the embedded H2 store that its background writer would do, which {@code WRITE_DELAY=0}
 * (every commit written before it returns) leaves without a thread: every commit writes a new chunk, and chunks whose
 * pages were superseded are only rewritten and freed by compaction. Without it the file grows several times faster
 * than the data (about 800 bytes per invocation record in a benchmark run) and the store keeps one chunk object per
 * commit on the heap (about 1 MiB per minute under load).
 *
 * <p>Every interval, on its own thread, it rewrites the live pages of the sparsest chunks older than H2's retention
 * time (45 s), at most {@value #WRITE_BYTES_PER_RUN} bytes a run so that commits never wait long for the store lock.
 */
final class H2Maintenance implements AutoCloseable {
    /**
     * Bytes one run may rewrite. Small: the live pages of the sparse chunks (a few percent of each) are what is
     * rewritten, so 1 MiB a second frees far more than the platform writes, while a run holds H2's store lock, and
     * the pages it rewrites on the heap, only briefly (4 MiB runs showed as 25 MiB spikes in the soak's heap samples).
     */
    static final int WRITE_BYTES_PER_RUN = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(H2Maintenance.class);

    private final DataSource pool;
    private final int fillRate;
    private final ScheduledExecutorService thread;
    private final WorkerLife life = new WorkerLife("database maintenance");
    /** Only touched on the maintenance thread (and by tests calling {@link #run}). */
    private MVStore store;
    private boolean looked;

    private H2Maintenance(DataSource pool, Duration interval, int fillRate) {
        this.pool = pool;
        this.fillRate = fillRate;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "switchboard-db-maintenance");
            t.setDaemon(true);
            return t;
        });
        // Watched: a scheduled task that throws is never run again, which must not go unnoticed (the health check says so).
        thread.scheduleWithFixedDelay(life.watched(() -> life.survivingOutOfMemory(this::runQuietly)), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the housekeeping of the embedded store behind the pool. */
    static H2Maintenance start(DataSource pool, Duration interval, int fillRate) {
        return new H2Maintenance(pool, interval, fillRate);
    }

    /** Compacts once; true when chunks were rewritten. */
    boolean run() throws SQLException {
        MVStore store = store();
        if (store == null || store.isClosed() || !store.compact(fillRate, WRITE_BYTES_PER_RUN)) {
            return false;
        }
        // The rewritten pages are written now, as a commit would; the chunks they came from are freed once dead.
        store.commit();
        return true;
    }

    /** The store, looked up once (it lives as long as the database); a store that cannot be reached is said once. */
    private MVStore store() throws SQLException {
        if (!looked) {
            try (Connection connection = pool.getConnection()) {
                store = store(connection);
            }
            looked = true;
            if (store == null) {
                LOG.warn("The embedded database's store cannot be reached: it is not compacted, and its file grows "
                        + "faster than its data (has this H2 version changed its internals?)");
            }
        }
        return store;
    }

    /**
     * The MVStore behind an H2 connection, or null when it has none (an in-memory database has no file). The way there
     * (session, database, store) is through classes H2's bundle does not export (org.h2.engine, org.h2.mvstore.db), so
     * it is walked by their public methods; only the connection and the MVStore are used by type.
     */
    static MVStore store(Connection connection) throws SQLException {
        Object session = call(connection.unwrap(JdbcConnection.class), "getSession");
        Object database = call(session, "getDatabase");
        Object store = call(database, "getStore");
        return call(store, "getMvStore") instanceof MVStore mvStore ? mvStore : null;
    }

    private static Object call(Object target, String method) {
        if (target == null) {
            return null;
        }
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (SQLException | RuntimeException | LinkageError e) {
            // The database is closing, or busy: the next run tries again. (A LinkageError too: a scheduled task
            // that throws is never run again.)
            LOG.debug("Compaction of the embedded database skipped: {}", e.toString());
        }
    }

    /** Why the maintenance stopped while it should run; empty while it runs. */
    java.util.List<String> problems() {
        return life.problems();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
