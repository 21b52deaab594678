package io.switchboard.core.internal.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SQL of settling the tasks that finished at the same time in one transaction (group commit), a few statements
 * per batch rather than per task: their events' rows locked, each task's guarded update (only a pending task
 * settles: a task run twice counts once), their lease rows deleted, and every event whose last task settled marked
 * SETTLED or DEAD. The writer is one thread, so batches never wait for each other's event locks.
 */
final class SettlementBatch {

    /** One task's settlement; the transaction fills in what it changed. */
    static final class Settlement {
        final AsyncTask task;
        final AsyncEvent event;
        final String status;
        final int attempts;
        final String resultJson;
        final String error;
        final long now;
        /** Whether the task was pending and is now settled (false: another run settled it first). */
        volatile boolean applied;
        /** The event's tasks when this settlement was its last open task (the event settled), else null. */
        volatile List<AsyncTaskRepository.TaskResult> eventSettled;

        Settlement(AsyncTask task, AsyncEvent event, String status, int attempts, String resultJson, String error, long now) {
            this.task = task;
            this.event = event;
            this.status = status;
            this.attempts = attempts;
            this.resultJson = resultJson;
            this.error = error;
            this.now = now;
        }
    }

    private SettlementBatch() {
    }

    /** Settles the batch in the transaction open on {@code c}. */
    static void store(Connection c, List<Settlement> batch) throws SQLException {
        for (Settlement s : batch) {
            s.applied = false;
            s.eventSettled = null;
        }
        List<String> events = new ArrayList<>(new TreeSet<>(batch.stream().map(s -> s.event.id()).toList()));
        lockEvents(c, events);
        List<Settlement> applied = update(c, batch);
        if (applied.isEmpty()) {
            return;
        }
        deleteLeaseRows(c, applied);
        Map<String, List<AsyncTaskRepository.TaskResult>> tasks = results(c, applied.stream().map(s -> s.event.id()).distinct().toList());
        try (PreparedStatement settle = c.prepareStatement("UPDATE async_events SET status = ? WHERE id = ?")) {
            // The event settles with the last of its tasks in the batch: told once.
            Map<String, Settlement> last = new LinkedHashMap<>();
            applied.forEach(s -> last.put(s.event.id(), s));
            for (Settlement s : last.values()) {
                List<AsyncTaskRepository.TaskResult> of = tasks.getOrDefault(s.event.id(), List.of());
                if (of.stream().anyMatch(t -> AsyncTaskRepository.PENDING.equals(t.status()))) {
                    continue;
                }
                boolean dead = of.stream().anyMatch(t -> AsyncTaskRepository.DEAD.equals(t.status()));
                settle.setString(1, dead ? AsyncTaskRepository.DEAD : AsyncTaskRepository.SETTLED);
                settle.setString(2, s.event.id());
                settle.addBatch();
                s.eventSettled = of;
            }
            settle.executeBatch();
        }
    }

    private static void lockEvents(Connection c, List<String> eventIds) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(eventIds.size(), "?"));
        try (PreparedStatement lock = c.prepareStatement("SELECT id FROM async_events WHERE id IN (" + marks + ") FOR UPDATE")) {
            for (int i = 0; i < eventIds.size(); i++) {
                lock.setString(i + 1, eventIds.get(i));
            }
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    // reading the rows takes the locks
                }
            }
        }
    }

    /** The guarded updates, one batch of statements; the settlements that changed their task. */
    private static List<Settlement> update(Connection c, List<Settlement> batch) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE async_tasks SET status = ?, attempts = ?, last_error = ?, result = ?, "
                + "updated_at = ? WHERE id = ? AND status = ?")) {
            for (Settlement s : batch) {
                update.setString(1, s.status);
                update.setInt(2, s.attempts);
                update.setString(3, s.error);
                update.setString(4, s.resultJson);
                update.setLong(5, s.now);
                update.setString(6, s.task.id());
                update.setString(7, AsyncTaskRepository.PENDING);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            List<Settlement> applied = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
                    // The guard needs the count: H2 and PostgreSQL give it; a driver that does not must not guess.
                    throw new SQLException("The driver did not report whether task " + batch.get(i).task.id() + " was settled");
                }
                if (counts[i] == 1) {
                    batch.get(i).applied = true;
                    applied.add(batch.get(i));
                }
            }
            return applied;
        }
    }

    private static void deleteLeaseRows(Connection c, List<Settlement> applied) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TaskLeases.TABLE + " WHERE task_name = ? AND task_instance = ?")) {
            for (Settlement s : applied) {
                delete.setString(1, TaskLeases.TASK);
                delete.setString(2, s.task.id());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /** The tasks of the events, each event's in function-name order. */
    private static Map<String, List<AsyncTaskRepository.TaskResult>> results(Connection c, List<String> eventIds) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(eventIds.size(), "?"));
        Map<String, List<AsyncTaskRepository.TaskResult>> byEvent = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT event_id, function_id, function_name, version, status, result "
                + "FROM async_tasks WHERE event_id IN (" + marks + ") ORDER BY event_id, function_name, function_id")) {
            for (int i = 0; i < eventIds.size(); i++) {
                select.setString(i + 1, eventIds.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byEvent.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(new AsyncTaskRepository.TaskResult(
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
                }
            }
        }
        return byEvent;
    }
}
