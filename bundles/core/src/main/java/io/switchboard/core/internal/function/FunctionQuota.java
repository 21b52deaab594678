package io.switchboard.core.internal.function;

import java.sql.Connection;
import java.sql.SQLException;

import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.QuotaExceededException;
import io.switchboard.core.internal.quota.AccountQuotas;

/** The quotas a create or update of a function must keep the account within: maxFunctions and maxCodeChars. */
final class FunctionQuota {

    private final AccountQuotas quotas;
    private final FunctionRepository repository;

    FunctionQuota(AccountQuotas quotas, FunctionRepository repository) {
        this.quotas = quotas;
        this.repository = repository;
    }

    /**
     * @param replacedId the function the spec replaces (an update), or null for a new one
     * @throws QuotaExceededException when the account would exceed a quota; nothing is changed
     */
    void require(Connection c, String account, String replacedId, FunctionSpec spec) throws SQLException {
        AccountQuotas.Limits limits = quotas.of(account);
        FunctionRepository.Usage others = repository.usage(c, account, replacedId);
        if (replacedId == null && !AccountQuotas.within(limits.maxFunctions(), others.functions() + 1)) {
            throw new QuotaExceededException(account, QuotaExceededException.Quota.MAX_FUNCTIONS, limits.maxFunctions(),
                    others.functions() + 1, "Delete functions the account no longer needs.");
        }
        long code = others.codeChars() + FunctionRepository.codeChars(spec);
        if (!AccountQuotas.within(limits.maxCodeChars(), code)) {
            throw new QuotaExceededException(account, QuotaExceededException.Quota.MAX_CODE_CHARS, limits.maxCodeChars(), code,
                    "Make the code smaller or delete functions the account no longer needs.");
        }
    }
}
