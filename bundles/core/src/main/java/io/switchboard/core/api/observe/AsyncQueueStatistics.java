package io.switchboard.core.api.observe;

import org.osgi.annotation.versioning.ProviderType;

/** The state of the asynchronous queue, read from the database (shared by every instance on it) when asked. */
@ProviderType
public interface AsyncQueueStatistics {

    /** The queue now; one query, so ask at a scrape's pace, not per event. */
    AsyncQueueState state();
}
