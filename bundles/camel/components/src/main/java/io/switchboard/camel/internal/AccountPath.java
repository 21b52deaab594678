package io.switchboard.camel.internal;

import io.switchboard.camel.api.SwitchboardHeaders;
import org.apache.camel.Message;

/**
 * The {@code <account>/<name>} part of a {@code function:} or {@code event:} URI; without an account the exchange's
 * {@value SwitchboardHeaders#ACCOUNT} header names it.
 *
 * @param account the fixed account, or null to take it from the header
 * @param name the function reference or event type id
 */
public record AccountPath(String account, String name) {

    public static AccountPath parse(String scheme, String remaining) {
        String path = remaining.startsWith("/") ? remaining.substring(1) : remaining;
        int slash = path.indexOf('/');
        String account = slash < 0 ? null : path.substring(0, slash);
        String name = slash < 0 ? path : path.substring(slash + 1);
        if (name.isBlank() || name.contains("/") || (account != null && account.isBlank())) {
            throw new IllegalArgumentException("A " + scheme + ": URI is " + scheme + ":<account>/<name> or " + scheme
                    + ":<name> (account from the " + SwitchboardHeaders.ACCOUNT + " header), not " + scheme + ":" + remaining);
        }
        return new AccountPath(account, name);
    }

    /** The account this exchange acts for. */
    public String accountFor(Message message) {
        if (account != null) {
            return account;
        }
        String fromHeader = message.getHeader(SwitchboardHeaders.ACCOUNT, String.class);
        if (fromHeader == null || fromHeader.isBlank()) {
            throw new IllegalArgumentException("No account for '" + name + "': name it in the URI (<account>/" + name
                    + ") or set the header " + SwitchboardHeaders.ACCOUNT);
        }
        return fromHeader;
    }
}
