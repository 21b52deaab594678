package io.switchboard.core.internal.dispatch;

import static io.switchboard.core.internal.testing.ScriptedExecutor.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.bot.BotVendor;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.dispatch.UnknownFunctionException;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.invocation.InvocationServiceImpl;
import io.switchboard.core.internal.json.Json;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.ScriptedExecutor;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestEvents;

/** LivePerson's selection rules: a command runs the function named like it, a bot event the bot's function, ALL every function. */
class SelectionRulesTest {

    private static final String COMMAND = "conversational_command";
    private static final String PRE_HOOK = "bot_connectors_pre_hook";
    private static final String ERROR_HOOK = "bot_connectors_error_hook";
    private static final String SURVEY = "cps";
    private static final String PAYLOAD = "{\"conversationId\":\"c-1\"}";

    private final ScriptedExecutor executor = new ScriptedExecutor(r -> ok(r.code()));
    private final CoreFixture core = new CoreFixture(
            TestEvents.type(COMMAND).limit(30).selection(EventSelection.COMMAND).delivery(ResultDelivery.COMMAND_REPLY, "{}").build(),
            TestEvents.type(PRE_HOOK).limit(15).selection(EventSelection.BOT).build(),
            TestEvents.type(ERROR_HOOK).limit(15).selection(EventSelection.BOT).delivery(ResultDelivery.NONE, "{}").build(),
            TestEvents.type(SURVEY).limit(10).build());
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas, TestConfigs.config(InvocationServiceImpl.Config.class));
    private final DispatcherImpl dispatcher = new DispatcherImpl(core.catalog, core.deployedFunctions, invocations, core.database, core.bots,
            TestConfigs.config(DispatcherImpl.Config.class), Clock.systemUTC());

    SelectionRulesTest() {
        dispatcher.setExecutor(executor);
    }

    @AfterEach
    void close() {
        dispatcher.close();
        invocations.close();
        core.close();
    }

    private DispatchResult command(String name) {
        return dispatcher.dispatch(new DispatchRequest("acme", COMMAND, PAYLOAD, List.of(), Trigger.EVENT, null, name, null, null));
    }

    private DispatchResult bot(String event, String botId) {
        return dispatcher.dispatch(new DispatchRequest("acme", event, PAYLOAD, List.of(), Trigger.EVENT, null, null, botId, null));
    }

    @Test
    void aCommandRunsOnlyTheFunctionNamedLikeIt() {
        core.deployedWithCode("acme", "echo", COMMAND, "\"echoed\"");
        core.deployedWithCode("acme", "transcript", COMMAND, "{\"sent\":true}");

        DispatchResult echo = command("echo");

        assertThat(echo.outcomes()).extracting(FunctionOutcome::functionName).containsExactly("echo");
        assertThat(echo.resultJson()).isEqualTo("\"echoed\"");
        assertThat(command("transcript").resultJson()).isEqualTo("null");
        assertThat(executor.requests).hasSize(2);
    }

    @Test
    void aCommandWithoutAProductiveFunctionOfItsNameIsUnknown() {
        core.deployedWithCode("acme", "echo", COMMAND, "\"echoed\"");
        core.functions.create("acme", CoreFixture.spec("draft", COMMAND));

        assertThatThrownBy(() -> command("draft")).isInstanceOf(UnknownFunctionException.class).hasMessageContaining("'draft'");
        assertThatThrownBy(() -> command("Echo")).isInstanceOf(UnknownFunctionException.class);
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void aCommandOrBotEventThatNamesNoneIsABadRequestNamingTheMissingField() {
        core.deployedWithCode("acme", "echo", COMMAND, "\"echoed\"");

        assertThatThrownBy(() -> command(null)).isInstanceOfSatisfying(InvalidPayloadException.class,
                e -> assertThat(e.fieldErrors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("commandName")));
        assertThatThrownBy(() -> bot(PRE_HOOK, " ")).isInstanceOfSatisfying(InvalidPayloadException.class,
                e -> assertThat(e.fieldErrors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("botId")));
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void aCommandFunctionsNameIsAPathSegment() {
        assertThatThrownBy(() -> core.functions.create("acme", CoreFixture.spec("send transcript", COMMAND)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("/name")));
    }

    @Test
    void aBotEventRunsTheFunctionTheBotIsConfiguredWithAndTellsItTheBotAndVendor() throws Exception {
        FunctionInfo chosen = core.deployedWithCode("acme", "dialogflow-pre", PRE_HOOK, "{\"queryInput\":{}}");
        core.deployedWithCode("acme", "other-pre", PRE_HOOK, "{\"other\":true}");
        core.bots.create("acme", new BotSpec("bot-7", BotVendor.DIALOGFLOW_V2, Map.of(PRE_HOOK, "dialogflow-pre")));

        DispatchResult result = bot(PRE_HOOK, "bot-7");

        assertThat(result.outcomes()).extracting(FunctionOutcome::functionId).containsExactly(chosen.id());
        assertThat(result.resultJson()).isEqualTo("{\"queryInput\":{}}");
        JsonNode headers = Json.parse(executor.requests.get(0).inputJson()).get("headers");
        assertThat(headers.toString()).contains("{\"key\":\"X-Switchboard-Bot-Id\",\"value\":\"bot-7\"}",
                "{\"key\":\"X-Switchboard-Bot-Vendor\",\"value\":\"dialogflowv2\"}");
    }

    @Test
    void anUnknownBotOrABotWithoutAFunctionForTheEventIsUnknown() {
        core.deployedWithCode("acme", "pre", PRE_HOOK, "{}");
        core.bots.create("acme", new BotSpec("bot-7", BotVendor.LEX, Map.of(PRE_HOOK, "pre")));

        assertThatThrownBy(() -> bot(PRE_HOOK, "bot-8")).isInstanceOf(UnknownFunctionException.class).hasMessageContaining("no bot 'bot-8'");
        assertThatThrownBy(() -> bot(ERROR_HOOK, "bot-7")).isInstanceOf(UnknownFunctionException.class)
                .hasMessageContaining("no function for '" + ERROR_HOOK + "'");
        assertThat(executor.requests).isEmpty();
    }

    @Test
    void anErrorHooksResultGoesNowhere() {
        core.deployedWithCode("acme", "on-error", ERROR_HOOK, "{\"fallback\":\"ignored\"}");
        core.bots.create("acme", new BotSpec("bot-7", BotVendor.WATSON, Map.of(ERROR_HOOK, "on-error")));

        assertThat(bot(ERROR_HOOK, "bot-7").resultJson()).isEqualTo("null");
    }

    @Test
    void allRunsEveryProductiveFunctionAndImplementedSaysWhetherOneWouldRun() {
        assertThat(dispatcher.implemented("acme", SURVEY, null)).isFalse();
        core.deployedWithCode("acme", "two", SURVEY, "2");
        core.deployedWithCode("acme", "one", SURVEY, "1");

        assertThat(dispatcher.dispatch(new DispatchRequest("acme", SURVEY, PAYLOAD, List.of(), Trigger.EVENT)).resultJson()).isEqualTo("[1,2]");
        assertThat(dispatcher.implemented("acme", SURVEY, null)).isTrue();
        assertThat(dispatcher.implemented("globex", SURVEY, null)).isFalse();
    }
}
