package io.switchboard.core.internal.quota;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each account may keep: functions, code, secrets and invocation records. One default per quota, and per-account
 * overrides ({@code overrides} entries {@code account:key=value}) for the accounts an operator trusts with more (or less).
 */
@Component(service = AccountQuotas.class, configurationPid = AccountQuotas.PID)
@Designate(ocd = AccountQuotas.Config.class)
public class AccountQuotas {

    public static final String PID = "io.switchboard.core.quotas";

    /** Quotas per account; 0 means no limit. */
    @ObjectClassDefinition(name = "Switchboard account quotas", description = "What each account may keep; 0 = no limit.")
    public @interface Config {
        @AttributeDefinition(description = "Functions an account may have (drafts included); more: 429", min = "0")
        int maxFunctions() default 100;

        @AttributeDefinition(description = "Characters of code all of an account's functions may have together; more: 413", min = "0")
        long maxCodeChars() default 2_000_000;

        @AttributeDefinition(description = "Secrets an account may have; more: 429", min = "0")
        int maxSecrets() default 100;

        @AttributeDefinition(description = "Approximate bytes of invocation records an account keeps (results, errors, logs); "
                + "beyond it the account's oldest records are deleted", min = "0")
        long maxRecordBytes() default 268_435_456L;

        @AttributeDefinition(description = "Per-account values: entries account:key=value (or several in one, comma-separated), "
                + "e.g. acme:maxFunctions=500; besides the keys above, retentionDays shortens how long the account's invocation "
                + "records are kept")
        String[] overrides() default {};
    }

    /** The quotas of one account; 0 = no limit (retentionDays 0: the platform's retentionDays; an override may only shorten it). */
    public record Limits(long maxFunctions, long maxCodeChars, long maxSecrets, long maxRecordBytes, int retentionDays) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AccountQuotas.class);

    private volatile Limits defaults;
    private volatile Map<String, Limits> perAccount = Map.of();

    @Activate
    public AccountQuotas(Config config) {
        apply(config);
    }

    @Modified
    void modified(Config config) {
        apply(config);
    }

    public Limits of(String account) {
        return perAccount.getOrDefault(account, defaults);
    }

    /** Accounts with overrides (the others use the defaults). */
    public Map<String, Limits> overridden() {
        return perAccount;
    }

    public Limits defaults() {
        return defaults;
    }

    private void apply(Config config) {
        Limits base = new Limits(config.maxFunctions(), config.maxCodeChars(), config.maxSecrets(), config.maxRecordBytes(), 0);
        Map<String, Map<String, Long>> values = new HashMap<>();
        // An entry may hold several, comma-separated: a .cfg file gives a list as one string.
        for (String entry : java.util.Arrays.stream(config.overrides()).flatMap(e -> java.util.Arrays.stream(e.split(",")))
                .map(String::strip).filter(e -> !e.isEmpty()).toList()) {
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=');
            try {
                if (colon < 1 || eq < colon + 2) {
                    throw new NumberFormatException();
                }
                long value = Long.parseLong(entry.substring(eq + 1).strip());
                if (value < 0) {
                    throw new NumberFormatException();
                }
                values.computeIfAbsent(entry.substring(0, colon).strip(), a -> new HashMap<>())
                        .put(entry.substring(colon + 1, eq).strip(), value);
            } catch (NumberFormatException e) {
                LOG.error("Ignoring quota override '{}' of {}: expected account:key=value with a value >= 0", entry, PID);
            }
        }
        Map<String, Limits> accounts = new HashMap<>();
        values.forEach((account, keys) -> accounts.put(account, new Limits(
                keys.getOrDefault("maxFunctions", base.maxFunctions()), keys.getOrDefault("maxCodeChars", base.maxCodeChars()),
                keys.getOrDefault("maxSecrets", base.maxSecrets()), keys.getOrDefault("maxRecordBytes", base.maxRecordBytes()),
                (int) Math.min(3650, keys.getOrDefault("retentionDays", (long) base.retentionDays())))));
        defaults = base;
        perAccount = Map.copyOf(accounts);
    }

    /** Whether {@code requested} is within a limit where 0 means none. */
    public static boolean within(long limit, long requested) {
        return limit == 0 || requested <= limit;
    }
}
