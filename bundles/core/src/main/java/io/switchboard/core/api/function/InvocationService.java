package io.switchboard.core.api.function;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** The invocation records of an account's functions, newest first. */
@ProviderType
public interface InvocationService {

    /** @throws NotFoundException when the account has no such function */
    Page<InvocationRecord> list(String account, String functionId, int page, int size);

    /**
     * The records of one function, or of the whole account when {@code functionId} is null, that pass the filter.
     *
     * @throws NotFoundException when the account has no such function
     * @since 1.5
     */
    Page<InvocationRecord> search(String account, String functionId, InvocationFilter filter, int page, int size);

    /**
     * Hands the records that pass the filter, newest first, one at a time to the sink while they are read (never all
     * in memory), up to the configured export limit; returns how many were handed over.
     *
     * @throws NotFoundException when the account has no such function
     * @since 1.5
     */
    long export(String account, String functionId, InvocationFilter filter, Consumer<InvocationRecord> sink);

    /** The most records one export hands over. @since 1.5 */
    int exportLimit();

    /**
     * The function's invocations over the range, from the rollup kept as records are written.
     *
     * @throws NotFoundException when the account has no such function
     * @since 1.5
     */
    InvocationReport report(String account, String functionId, ReportRange range);

    /** @throws NotFoundException when the account has no such invocation */
    InvocationRecord get(String account, String invocationId);
}
