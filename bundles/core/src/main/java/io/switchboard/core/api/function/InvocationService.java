package io.switchboard.core.api.function;

import org.osgi.annotation.versioning.ProviderType;

/** The invocation records of an account's functions, newest first. */
@ProviderType
public interface InvocationService {

    /** @throws NotFoundException when the account has no such function */
    Page<InvocationRecord> list(String account, String functionId, int page, int size);

    /** @throws NotFoundException when the account has no such invocation */
    InvocationRecord get(String account, String invocationId);
}
