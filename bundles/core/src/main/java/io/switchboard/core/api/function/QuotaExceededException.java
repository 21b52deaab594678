package io.switchboard.core.api.function;

/**
 * An account would exceed one of its quotas (configuration PID {@code io.switchboard.core.quotas}): too many functions or
 * secrets (answered 429), or more code than it may keep (answered 413). Nothing was changed.
 */
public final class QuotaExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The quotas a request can exceed; the name is the configuration key. */
    public enum Quota {
        /** How many functions an account may have. */
        MAX_FUNCTIONS("maxFunctions", false),
        /** How many characters of code all the account's functions may have together. */
        MAX_CODE_CHARS("maxCodeChars", true),
        /** How many secrets an account may have. */
        MAX_SECRETS("maxSecrets", false);

        private final String key;
        private final boolean size;

        Quota(String key, boolean size) {
            this.key = key;
            this.size = size;
        }

        /** The configuration key, e.g. {@code maxFunctions}. */
        public String key() {
            return key;
        }

        /** Whether it bounds a size (413) rather than a count (429). */
        public boolean size() {
            return size;
        }
    }

    private final String account;
    private final Quota quota;
    private final long limit;
    private final long requested;

    /**
     * @param requested what the account would have after the request (count or characters)
     */
    public QuotaExceededException(String account, Quota quota, long limit, long requested, String advice) {
        super("Account " + account + " may have at most " + limit + (quota.size() ? " characters of code" : quota == Quota.MAX_SECRETS
                ? " secrets" : " functions") + "; this would make " + requested + ". " + advice);
        this.account = account;
        this.quota = quota;
        this.limit = limit;
        this.requested = requested;
    }

    public String account() { return account; }

    public Quota quota() { return quota; }

    public long limit() { return limit; }

    /** What the account would have after the request. */
    public long requested() { return requested; }
}
