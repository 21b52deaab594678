package io.switchboard.core.api.function;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Functions of an account and their lifecycle. Every method is scoped to one account: ids of another
 * account's functions are answered with {@link NotFoundException}.
 */
@ProviderType
public interface FunctionService {

    Page<FunctionInfo> list(String account, int page, int size);

    /** @throws NotFoundException when the account has no such function */
    FunctionInfo get(String account, String functionId);

    /** @throws ValidationException on an invalid spec; @throws ConflictException when the name is taken */
    FunctionInfo create(String account, FunctionSpec spec);

    /** Replaces the spec; a productive function becomes MODIFIED. */
    FunctionInfo update(String account, String functionId, FunctionSpec spec);

    /** Deletes the function, its versions and bindings (its invocation records age out). */
    void delete(String account, String functionId);

    /**
     * Freezes the current spec into a new version and makes it productive.
     *
     * @throws FunctionLimitExceededException when the event's limit (per skill) is already held
     */
    FunctionInfo deploy(String account, String functionId);

    FunctionInfo undeploy(String account, String functionId);

    /** Makes an earlier version productive again (and the current spec), under the same limits as deploy. */
    FunctionInfo rollback(String account, String functionId, int version);

    List<FunctionVersion> versions(String account, String functionId);

    /**
     * Where the account holds more productive functions than a limit in force allows (after an operator
     * lowered it); nothing is undeployed automatically.
     *
     * @since 1.1
     */
    List<LimitBreach> limitBreaches(String account);
}
