package io.switchboard.metrics.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the label values of accounts and functions: the first {@code maxAccounts} accounts and {@code maxFunctions}
 * functions seen keep their names, later ones are counted as {@value #OTHER}. Every label value costs a time series per
 * metric in Prometheus (and memory here) for as long as the process lives, and accounts and functions are created by
 * tenants: without a bound, a tenant creating functions in a loop would grow the scrape without end.
 */
final class LabelBudget {

    static final String OTHER = "_other";

    private final int maxAccounts;
    private final int maxFunctions;
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Set<String> functions = ConcurrentHashMap.newKeySet();

    LabelBudget(int maxAccounts, int maxFunctions) {
        this.maxAccounts = maxAccounts;
        this.maxFunctions = maxFunctions;
    }

    /** The account's label value: its name while the budget lasts or once admitted, else {@value #OTHER}. */
    String account(String account) {
        return admitted(accounts, account == null ? "" : account, maxAccounts) ? account : OTHER;
    }

    /** The function's label value; a function of an account counted as {@value #OTHER} is {@value #OTHER} too. */
    String function(String account, String functionId) {
        if (functionId == null || OTHER.equals(account(account))) {
            return functionId == null ? "" : OTHER;
        }
        return admitted(functions, account + '/' + functionId, maxFunctions) ? functionId : OTHER;
    }

    /** Whether function labels are kept at all. */
    boolean functionsLabelled() {
        return maxFunctions > 0;
    }

    private static boolean admitted(Set<String> seen, String value, int max) {
        if (seen.contains(value)) {
            return true;
        }
        // Racing first sightings may admit a few past the bound; the bound is about growth, not an exact count.
        if (seen.size() >= max) {
            return false;
        }
        seen.add(value);
        return true;
    }
}
