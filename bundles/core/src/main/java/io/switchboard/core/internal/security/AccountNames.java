package io.switchboard.core.internal.security;

import java.util.List;
import java.util.regex.Pattern;

import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.function.ValidationException;

/** What an account name may be when the admin issues a key for it: letters, digits, '.', '_' and '-', at most 128. */
final class AccountNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private AccountNames() {
    }

    static void require(String account) {
        if (account == null || !NAME.matcher(account).matches()) {
            throw new ValidationException("The account name is invalid", List.of(new FieldError("account",
                    "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit")));
        }
    }
}
