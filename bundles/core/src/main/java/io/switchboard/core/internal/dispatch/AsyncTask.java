package io.switchboard.core.internal.dispatch;

/** One function to run for one accepted asynchronous event; retried on its own. */
record AsyncTask(String id, String eventId, String account, String functionId, int version, int attempts, long nextAttemptAt,
        String functionName) {

    AsyncTask retried(long nextAt) {
        return new AsyncTask(id, eventId, account, functionId, version, attempts + 1, nextAt, functionName);
    }

    AsyncTask dueAt(long nextAt) {
        return new AsyncTask(id, eventId, account, functionId, version, attempts, nextAt, functionName);
    }
}
