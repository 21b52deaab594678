package io.switchboard.core.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.FunctionSpec;
import io.switchboard.core.api.function.FunctionState;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/** Running a function's draft as a test (the console's "Run draft"): the saved spec, version 0, recorded as manual. */
class DraftInvocationTest {

    private static final String BOT = "third_party_bots_custom_integration";

    private final CoreFixture core = new CoreFixture(TestEvents.customIntegration());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class), Clock.systemUTC());
    private final ScriptedExecutor executor = ScriptedExecutor.echo();

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    @Test
    void aDraftThatWasNeverDeployedRunsAsVersionZeroAndIsRecordedAsAManualInvocation() {
        dispatcher.setExecutor(executor);
        FunctionInfo draft = core.functions.create("acme", CoreFixture.spec("fresh", BOT));

        FunctionOutcome outcome = dispatcher.invokeDraft("acme", draft.id(), "{\"a\":1}", List.of(new Header("X-Test", "yes")));

        assertThat(outcome.outcome()).isEqualTo(Outcome.OK);
        assertThat(outcome.version()).isZero();
        assertThat(outcome.resultJson()).contains("\"payload\":{\"a\":1}").contains("X-Test");
        InvocationRecord record = invocations.get("acme", outcome.invocationId());
        assertThat(record.version()).isZero();
        assertThat(record.trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(core.functions.get("acme", draft.id()).state()).as("a test run deploys nothing").isEqualTo(FunctionState.DRAFT);
    }

    @Test
    void theDraftRunsTheCodeAsLastSavedWhileTheDeployedVersionKeepsItsOwn() {
        dispatcher.setExecutor(executor);
        FunctionInfo deployed = core.deployed("acme", "bot", BOT);
        FunctionSpec saved = deployed.spec();
        core.functions.update("acme", deployed.id(), new FunctionSpec(saved.name(), saved.description(),
                "async function lambda(input) { return 'edited'; }", saved.eventType(), saved.skills(), saved.timeoutMs(),
                saved.allowedDomains(), saved.env(), saved.templateId(), saved.templateVersion()));

        dispatcher.invokeDraft("acme", "bot", "{}", List.of());
        dispatcher.invoke("acme", "bot", "{}", List.of(), Trigger.EXTERNAL);

        assertThat(executor.requests).hasSize(2);
        assertThat(executor.requests.get(0).code()).contains("edited");
        assertThat(executor.requests.get(1).code()).doesNotContain("edited");
        assertThat(executor.requests.get(0).codeId()).as("an edited draft is never taken from a cache of the deployed code")
                .isNotEqualTo(executor.requests.get(1).codeId()).startsWith(deployed.id() + "@draft-");
        assertThat(core.functions.get("acme", deployed.id()).state()).isEqualTo(FunctionState.MODIFIED);
    }

    @Test
    void twoDifferentDraftsOfOneFunctionHaveDifferentCodeIdentities() {
        dispatcher.setExecutor(executor);
        FunctionInfo draft = core.functions.create("acme", CoreFixture.spec("fresh", BOT));
        dispatcher.invokeDraft("acme", draft.id(), "{}", List.of());
        FunctionSpec spec = draft.spec();
        core.functions.update("acme", draft.id(), new FunctionSpec(spec.name(), spec.description(),
                "async function lambda(input) { return 2; }", spec.eventType(), spec.skills(), spec.timeoutMs(),
                spec.allowedDomains(), spec.env(), spec.templateId(), spec.templateVersion()));

        dispatcher.invokeDraft("acme", draft.id(), "{}", List.of());

        assertThat(executor.requests.get(0).codeId()).isNotEqualTo(executor.requests.get(1).codeId());
    }

    @Test
    void anUnknownFunctionOrAPayloadThatIsNotJsonIsRefused() {
        dispatcher.setExecutor(executor);
        core.functions.create("acme", CoreFixture.spec("fresh", BOT));

        assertThatThrownBy(() -> dispatcher.invokeDraft("globex", "fresh", "{}", List.of()))
                .isInstanceOf(UnknownFunctionException.class);
        assertThatThrownBy(() -> dispatcher.invokeDraft("acme", "fresh", "{nope", List.of()))
                .isInstanceOf(InvalidPayloadException.class);
        assertThat(executor.requests).isEmpty();
    }
}
