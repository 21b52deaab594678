package io.switchboard.core.internal.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.LimitBreach;
import io.switchboard.core.internal.event.EventCatalogImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class LimitEnforcementTest {

    private static final String END = "messaging_conversation_end";
    private static final String BOT = "third_party_bots_custom_integration";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(), TestEvents.customIntegration(),
            TestEvents.withoutSkills("small", 2, InvocationMode.SYNC));

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void deployBeyondTheLimitNamesEventLimitAndHolders() {
        core.deployed("acme", "a", "small");
        core.deployed("acme", "b", "small");
        FunctionInfo third = core.functions.create("acme", CoreFixture.spec("c", "small"));

        assertThatThrownBy(() -> core.functions.deploy("acme", third.id()))
                .isInstanceOfSatisfying(FunctionLimitExceededException.class, e -> {
                    assertThat(e.eventTypeId()).isEqualTo("small");
                    assertThat(e.limit()).isEqualTo(2);
                    assertThat(e.skill()).isNull();
                    assertThat(e.holders()).containsExactly("a", "b");
                })
                .hasMessageContaining("'small'").hasMessageContaining("a, b");
        assertThat(core.functions.get("acme", third.id()).state()).isEqualTo(FunctionState.DRAFT);
    }

    @Test
    void limitsCountPerAccount() {
        core.deployed("acme", "a", END);

        assertThat(core.deployed("globex", "a", END).state()).isEqualTo(FunctionState.PRODUCTIVE);
    }

    @Test
    void undeployingFreesTheSlot() {
        FunctionInfo first = core.deployed("acme", "a", END, "sales");
        core.functions.undeploy("acme", first.id());

        assertThat(core.deployed("acme", "b", END, "sales").state()).isEqualTo(FunctionState.PRODUCTIVE);
    }

    @Test
    void skillEventsCountPerSkill() {
        core.deployed("acme", "sales-end", END, "sales");
        core.deployed("acme", "support-end", END, "support");
        FunctionInfo secondSales = core.functions.create("acme", CoreFixture.spec("sales-2", END, "billing", "sales"));

        assertThatThrownBy(() -> core.functions.deploy("acme", secondSales.id()))
                .isInstanceOfSatisfying(FunctionLimitExceededException.class, e -> {
                    assertThat(e.skill()).isEqualTo("sales");
                    assertThat(e.holders()).containsExactly("sales-end");
                });
    }

    @Test
    void aFunctionWithoutSkillsBlocksEverySkill() {
        core.deployed("acme", "all-skills", END);
        FunctionInfo sales = core.functions.create("acme", CoreFixture.spec("sales-end", END, "sales"));

        assertThatThrownBy(() -> core.functions.deploy("acme", sales.id()))
                .isInstanceOfSatisfying(FunctionLimitExceededException.class, e -> {
                    assertThat(e.skill()).isEqualTo("sales");
                    assertThat(e.holders()).containsExactly("all-skills");
                });
    }

    @Test
    void aFunctionWithoutSkillsIsCheckedAgainstEverySkillInUse() {
        core.deployed("acme", "sales-end", END, "sales");
        FunctionInfo allSkills = core.functions.create("acme", CoreFixture.spec("all-skills", END));

        assertThatThrownBy(() -> core.functions.deploy("acme", allSkills.id()))
                .isInstanceOfSatisfying(FunctionLimitExceededException.class, e -> {
                    assertThat(e.skill()).isEqualTo("sales");
                    assertThat(e.holders()).containsExactly("sales-end");
                });
    }

    @Test
    void aSecondFunctionWithoutSkillsIsRefusedForEverySkill() {
        core.deployed("acme", "first", END);
        FunctionInfo second = core.functions.create("acme", CoreFixture.spec("second", END));

        assertThatThrownBy(() -> core.functions.deploy("acme", second.id()))
                .isInstanceOfSatisfying(FunctionLimitExceededException.class, e -> assertThat(e.skill()).isEqualTo(LimitRules.EVERY_SKILL));
    }

    @Test
    void redeployingTheHolderItselfDoesNotCountItTwice() {
        FunctionInfo holder = core.deployed("acme", "a", END, "sales");
        core.functions.update("acme", holder.id(), CoreFixture.spec("a", END, "sales"));

        assertThat(core.functions.deploy("acme", holder.id()).deployedVersion()).isEqualTo(2);
    }

    @Test
    void rollbackIsCheckedAgainstTheLimitsToo() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("a", END, "sales"));
        core.functions.deploy("acme", f.id());
        core.functions.update("acme", f.id(), CoreFixture.spec("a", END, "support"));
        core.functions.deploy("acme", f.id());
        core.deployed("acme", "b", END, "sales");

        assertThatThrownBy(() -> core.functions.rollback("acme", f.id(), 1)).isInstanceOf(FunctionLimitExceededException.class);
    }

    @Test
    void anOperatorOverrideRaisesTheLimit() {
        core.catalog.modified(TestConfigs.config(EventCatalogImpl.Config.class, "overrides", new String[] {END + "=2", "garbage"}));
        core.deployed("acme", "a", END, "sales");

        assertThat(core.catalog.get(END).orElseThrow().effectiveLimit()).isEqualTo(2);
        assertThat(core.deployed("acme", "b", END, "sales").state()).isEqualTo(FunctionState.PRODUCTIVE);
        assertThat(core.catalog.get(BOT).orElseThrow().effectiveLimit()).isEqualTo(15);
    }

    @Test
    void loweringALimitUndeploysNothingAndReportsTheBreach() {
        core.deployed("acme", "a", "small");
        core.deployed("acme", "b", "small");

        core.catalog.modified(TestConfigs.config(EventCatalogImpl.Config.class, "overrides", new String[] {"small=1"}));

        assertThat(core.deployedFunctions.selectFor("acme", "small", null)).hasSize(2);
        assertThat(core.functions.limitBreaches("acme")).containsExactly(new LimitBreach("acme", "small", null, 1, List.of("a", "b")));
        assertThat(core.functions.limitBreaches("globex")).isEmpty();
    }

    @Test
    void concurrentDeploysNeverExceedTheLimit() throws Exception {
        assertConcurrentDeploysStopAtTheLimit(core.functions, core.functions);
    }

    @Test
    void concurrentDeploysOfTwoInstancesSharingTheDatabaseNeverExceedTheLimit() throws Exception {
        // A second function service has its own in-process locks: only the database row lock keeps them apart.
        FunctionServiceImpl otherInstance = new FunctionServiceImpl(core.database, core.catalog,
                new DeployedFunctionsImpl(core.database, TestConfigs.config(FunctionServiceImpl.Config.class)), core.quotas,
                TestConfigs.config(FunctionServiceImpl.Config.class));
        assertConcurrentDeploysStopAtTheLimit(core.functions, otherInstance);
    }

    private void assertConcurrentDeploysStopAtTheLimit(FunctionServiceImpl first, FunctionServiceImpl second) throws Exception {
        int contenders = 12;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            ids.add(core.functions.create("acme", CoreFixture.spec("f" + i, "small")).id());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String id = ids.get(i);
                FunctionServiceImpl service = i % 2 == 0 ? first : second;
                Callable<Boolean> deploy = () -> {
                    start.await();
                    try {
                        service.deploy("acme", id);
                        return true;
                    } catch (FunctionLimitExceededException e) {
                        return false;
                    }
                };
                results.add(pool.submit(deploy));
            }
            start.countDown();
            int deployed = 0;
            for (Future<Boolean> result : results) {
                deployed += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(deployed).isEqualTo(2);
            assertThat(core.deployedFunctions.selectFor("acme", "small", null)).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }
}
