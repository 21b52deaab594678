package io.switchboard.core.api.dispatch;

import io.switchboard.core.api.function.Page;
import org.osgi.annotation.versioning.ProviderType;

/** The dead-lettered asynchronous tasks of an account: listing them and re-queuing one once its function is fixed. */
@ProviderType
public interface DeadLetters {

    /** The account's dead-lettered tasks, newest first, with their total count. */
    Page<DeadLetterInfo> list(String account, int page, int size);

    /**
     * Re-queues a dead-lettered task to run the function's currently deployed version, with its attempts reset and due
     * now. Of two concurrent retries of one task, one re-queues it and the other fails as a conflict.
     *
     * @return the task as re-queued (the version it will run, no attempts)
     * @throws io.switchboard.core.api.function.NotFoundException when the account has no task with that id
     * @throws io.switchboard.core.api.function.ConflictException when the task is not dead-lettered (it was retried
     *         already) or its function has no deployed version
     */
    DeadLetterInfo retry(String account, String taskId);
}
