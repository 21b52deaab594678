package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.QuotaExceededException;
import io.switchboard.core.api.function.QuotaExceededException.Quota;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.quota.AccountQuotas;
import io.switchboard.core.internal.secret.SecretsImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;

/** Issue 14, item 18: per-account quotas on functions, code, secrets and invocation records (days and bytes). */
class AccountQuotasTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataFolder;

    private CoreFixture core;
    private InvocationServiceImpl invocations;

    private void start(Object... quotas) {
        core = new CoreFixture(TestDatabase.inMemory(), quotas);
    }

    @AfterEach
    void close() {
        if (invocations != null) {
            invocations.close();
        }
        core.close();
    }

    private static FunctionSpec spec(String name, int codeChars) {
        String code = "async function lambda(input) { return 1; }";
        code = code + " ".repeat(Math.max(0, codeChars - code.length()));
        return new FunctionSpec(name, "", code, null, null, null, null, null, null, null);
    }

    private static void assertQuota(Runnable call, Quota quota, long limit) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.quota()).isEqualTo(quota);
            assertThat(e.limit()).isEqualTo(limit);
        });
    }

    @Test
    void anAccountMayHaveAtMostMaxFunctionsUnlessAnOverrideGivesItMore() {
        start("maxFunctions", 2, "overrides", new String[] {"initech:maxSecrets=1, globex:maxFunctions=3", "broken"});
        core.functions.create("acme", spec("a", 50));
        core.functions.create("acme", spec("b", 50));

        assertQuota(() -> core.functions.create("acme", spec("c", 50)), Quota.MAX_FUNCTIONS, 2);
        core.functions.create("globex", spec("a", 50));
        core.functions.create("globex", spec("b", 50));
        core.functions.create("globex", spec("c", 50));
        assertQuota(() -> core.functions.create("globex", spec("d", 50)), Quota.MAX_FUNCTIONS, 3);
        assertThat(core.functions.list("acme", 0, 10).total()).isEqualTo(2);
    }

    @Test
    void theCodeOfAllAnAccountsFunctionsIsBoundedAndAnUpdateCountsItsNewCodeOnly() {
        start("maxCodeChars", 1_000L);
        FunctionInfo first = core.functions.create("acme", spec("a", 600));

        assertQuota(() -> core.functions.create("acme", spec("b", 600)), Quota.MAX_CODE_CHARS, 1_000);
        assertThat(Quota.MAX_CODE_CHARS.size()).as("answered 413").isTrue();
        core.functions.update("acme", first.id(), spec("a", 900));
        assertQuota(() -> core.functions.update("acme", first.id(), spec("a", 1_001)), Quota.MAX_CODE_CHARS, 1_000);
        core.functions.delete("acme", first.id());
        core.functions.create("acme", spec("b", 1_000));
    }

    @Test
    void anAccountMayHaveAtMostMaxSecretsWhoeverWritesThem() {
        start("maxSecrets", 2);
        SecretsImpl secrets = new SecretsImpl(core.database, core.quotas, TestConfigs.config(SecretsImpl.Config.class), dataFolder);
        secrets.create("acme", "one", "1");
        secrets.put("acme", "two", "2");

        assertQuota(() -> secrets.create("acme", "three", "3"), Quota.MAX_SECRETS, 2);
        assertQuota(() -> secrets.write("acme", "three", "3"), Quota.MAX_SECRETS, 2);
        secrets.put("acme", "two", "changed");
        secrets.create("globex", "one", "1");
        assertThat(secrets.list("acme")).hasSize(2);
    }

    private InvocationRecord record(String account, Instant startedAt, int resultChars) {
        return new InvocationRecord(TimeOrderedIds.lowestAt(startedAt) + "-" + account, account, "f-" + account, 1, null, null,
                Trigger.MANUAL, startedAt, 5, Outcome.OK, "\"" + "x".repeat(resultChars) + "\"", null, List.of());
    }

    @Test
    void anAccountOverItsRecordBytesLosesItsOldestRecordsAndOthersKeepTheirs() {
        start("maxRecordBytes", 20_000L);
        invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class),
                Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 30; i++) {
            invocations.recordDurably(record("acme", NOW.minusSeconds(100 - i), 1_000));
        }
        invocations.recordDurably(record("globex", NOW.minusSeconds(200), 1_000));
        assertThat(invocations.recordBytesByAccount().get("acme")).isGreaterThan(30 * 1_000L);

        int deleted = invocations.trimAccountsOverQuota();

        long acme = invocations.recordBytesByAccount().get("acme");
        assertThat(acme).isLessThanOrEqualTo(18_000L).isGreaterThan(10_000L);
        assertThat(deleted).isGreaterThanOrEqualTo(14);
        String newest = TimeOrderedIds.lowestAt(NOW.minusSeconds(71)) + "-acme";
        assertThat(invocations.get("acme", newest).resultJson()).as("the newest record stays").hasSize(1_002);
        assertThatThrownBy(() -> invocations.get("acme", TimeOrderedIds.lowestAt(NOW.minusSeconds(100)) + "-acme"))
                .as("the oldest went");
        assertThat(invocations.get("globex", TimeOrderedIds.lowestAt(NOW.minusSeconds(200)) + "-globex")).isNotNull();
        assertThat(invocations.trimAccountsOverQuota()).as("within its quota now").isZero();
    }

    @Test
    void anAccountsOwnRetentionShortensHowLongItsRecordsAreKeptAndTheUsageFollowsThePurges() {
        start("overrides", new String[] {"acme:retentionDays=1"});
        invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class,
                "retentionDays", 30), Clock.fixed(NOW, ZoneOffset.UTC));
        invocations.recordDurably(record("acme", NOW.minus(Duration.ofDays(2)), 100));
        invocations.recordDurably(record("globex", NOW.minus(Duration.ofDays(2)), 100));

        assertThat(invocations.purge()).isEqualTo(1);
        assertThat(invocations.recordBytesByAccount().get("acme")).isZero();
        assertThat(invocations.recordBytesByAccount().get("globex")).isPositive();
    }
}
