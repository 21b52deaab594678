package io.switchboard.core.internal.dispatch;

import java.time.Clock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.switchboard.core.api.dispatch.DeadLetterInfo;
import io.switchboard.core.api.dispatch.DeadLetters;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.internal.db.Database;
import io.switchboard.core.internal.db.Paging;
import io.switchboard.core.internal.function.DeployedFunction;
import io.switchboard.core.internal.function.DeployedFunctions;

/**
 * Lists an account's dead-lettered tasks and re-queues one to run the function's deployed version; its event waits for
 * it again and settles (and is delivered) once all its tasks are done.
 */
final class DeadLetterOffice implements DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOffice.class);
    private static final int MAX_PAGE_SIZE = 500;

    private final Database database;
    private final DeployedFunctions functions;
    private final Consumer<AsyncTask> queue;
    private final Clock clock;
    private final AsyncTaskRepository repository;

    DeadLetterOffice(Database database, AsyncTaskRepository repository, DeployedFunctions functions, Consumer<AsyncTask> queue, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.functions = functions;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public Page<DeadLetterInfo> list(String account, int page, int size) {
        int safeSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        int safePage = Math.max(0, page);
        return database.withConnection("list dead letters of " + account, c -> new Page<>(
                repository.deadLetters(c, account, Paging.offset(safePage, safeSize), safeSize), safePage, safeSize, repository.countDeadLetters(c, account)));
    }

    @Override
    public DeadLetterInfo retry(String account, String taskId) {
        AsyncTaskRepository.StoredTask task = database.withConnection("read task " + taskId, c -> repository.task(c, account, taskId))
                .orElseThrow(() -> new NotFoundException("Account " + account + " has no asynchronous task " + taskId));
        if (!AsyncTaskRepository.DEAD.equals(task.status())) {
            throw notDead(taskId);
        }
        DeadLetterInfo dead = task.info();
        DeployedFunction function = functions.deployed(account, dead.functionId()).orElseThrow(() -> new ConflictException(
                "Function " + dead.functionId() + " of task " + taskId + " has no deployed version; deploy it first, then retry the task"));
        long now = clock.millis();
        boolean requeued = database.inTransaction("retry task " + taskId,
                c -> repository.requeueDead(c, account, taskId, dead.eventId(), function.version(), function.name(), now));
        if (!requeued) {
            throw notDead(taskId);
        }
        queue.accept(new AsyncTask(taskId, dead.eventId(), account, dead.functionId(), function.version(), 0, now, function.name()));
        LOG.info("Dead-lettered task {} of account {} re-queued to run function {} v{} (was v{})", taskId, account,
                dead.functionId(), function.version(), dead.version());
        return new DeadLetterInfo(taskId, dead.eventId(), dead.eventTypeId(), dead.functionId(), function.version(), 0, dead.lastError(),
                dead.deadLetteredAt());
    }

    private static ConflictException notDead(String taskId) {
        return new ConflictException("Task " + taskId + " is not dead-lettered (it was retried already or has not failed); "
                + "there is nothing to retry");
    }
}
