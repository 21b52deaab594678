package io.switchboard.core.internal.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

/** What dispatch selects is cached, and a change through the function service is seen by the next event. */
@DatabaseTest
class SelectionCacheTest {

    private final CoreFixture core = new CoreFixture(TestEvents.syncWithSkills("cmd", 5), TestEvents.withoutSkills("other", 5, InvocationMode.SYNC));

    @AfterEach
    void close() {
        core.close();
    }

    private static List<String> names(List<DeployedFunction> selected) {
        return selected.stream().map(DeployedFunction::name).toList();
    }

    @Test
    void deployUndeployRollbackRenameAndDeleteAreSeenByTheNextSelection() {
        DeployedFunctions deployed = core.deployedFunctions;
        FunctionInfo a = core.deployed("acme", "a", "cmd");
        assertThat(names(deployed.selectFor("acme", "cmd", null))).containsExactly("a");

        FunctionInfo b = core.deployed("acme", "b", "cmd", "sales");
        assertThat(names(deployed.selectFor("acme", "cmd", "sales"))).containsExactly("b");
        assertThat(names(deployed.bound("acme", "cmd"))).containsExactlyInAnyOrder("a", "b");
        assertThat(names(deployed.selectFor("acme", "cmd", "billing"))).containsExactly("a");

        core.functions.update("acme", a.id(), CoreFixture.spec("a2", "cmd"));
        assertThat(names(deployed.selectFor("acme", "cmd", null))).containsExactly("a");
        core.functions.deploy("acme", a.id());
        assertThat(names(deployed.selectFor("acme", "cmd", null))).containsExactly("a2");
        assertThat(deployed.selectFor("acme", "cmd", null).get(0).version()).isEqualTo(2);

        core.functions.rollback("acme", a.id(), 1);
        assertThat(deployed.selectFor("acme", "cmd", null).get(0).version()).isEqualTo(1);

        core.functions.undeploy("acme", b.id());
        assertThat(names(deployed.selectFor("acme", "cmd", "sales"))).containsExactly("a");

        core.functions.undeploy("acme", a.id());
        core.functions.delete("acme", a.id());
        assertThat(deployed.selectFor("acme", "cmd", "sales")).isEmpty();
        assertThat(deployed.selectFor("other-account", "cmd", null)).isEmpty();
    }

    @Test
    void anotherInstanceSharingTheDatabaseIsSeenAfterTheCacheTimeAndAtOnceWithoutACache() {
        FunctionServiceImpl otherInstance = new FunctionServiceImpl(core.database, core.catalog,
                new DeployedFunctionsImpl(core.database, TestConfigs.config(FunctionServiceImpl.Config.class)), core.quotas,
                TestConfigs.config(FunctionServiceImpl.Config.class));
        DeployedFunctionsImpl longCache = new DeployedFunctionsImpl(core.database,
                TestConfigs.config(FunctionServiceImpl.Config.class, "selectionCacheMillis", 3_600_000L));
        DeployedFunctionsImpl noCache = new DeployedFunctionsImpl(core.database,
                TestConfigs.config(FunctionServiceImpl.Config.class, "selectionCacheMillis", 0L));
        assertThat(longCache.selectFor("acme", "other", null)).isEmpty();
        assertThat(noCache.selectFor("acme", "other", null)).isEmpty();

        FunctionInfo created = otherInstance.create("acme", CoreFixture.spec("x", "other"));
        otherInstance.deploy("acme", created.id());

        assertThat(longCache.selectFor("acme", "other", null)).as("cached until the cache time is over").isEmpty();
        assertThat(names(noCache.selectFor("acme", "other", null))).containsExactly("x");
        longCache.bindingsChanged("acme");
        assertThat(names(longCache.selectFor("acme", "other", null))).containsExactly("x");
    }
}
