package io.switchboard.core.internal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.internal.dispatch.DispatcherImpl;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class SwitchboardCommandsTest {

    private static final String END = "messaging_conversation_end";

    private final CoreFixture core = new CoreFixture(TestEvents.conversationEnd(), TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class));
    private final SwitchboardCommands commands = new SwitchboardCommands(core.catalog, core.functions, core.deployedFunctions, dispatcher);

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    @Test
    void listsEventTypesWithTheirLimits() {
        assertThat(commands.eventtypes()).contains(END, "limit   1 per skill", "third_party_bots_custom_integration", "limit  15");
    }

    @Test
    void deploysListsAndUndeploysFunctionsOfAnAccount() {
        FunctionInfo f = core.functions.create("acme", CoreFixture.spec("ender", END, "sales"));

        assertThat(commands.deploy("acme", f.id())).contains("ender", "PRODUCTIVE", "v1");
        assertThat(commands.functions("acme")).contains(f.id(), "ender", "skills sales");
        assertThat(commands.bindings("acme")).contains("acme", END, "ender", "sales");
        assertThat(commands.bindings("globex")).isEmpty();
        assertThat(commands.undeploy("acme", f.id())).contains("UNDEPLOYED");
        assertThat(commands.deploy("globex", f.id())).startsWith("error: ").contains(f.id());
    }

    @Test
    void invokingWithoutAnExecutorShowsTheRejection() {
        core.deployed("acme", "direct", null);

        assertThat(commands.invoke("acme", "direct", "{}")).startsWith("REJECTED").contains("executor");
        assertThat(commands.invoke("acme", "missing", "{}")).startsWith("error: ");
    }
}
