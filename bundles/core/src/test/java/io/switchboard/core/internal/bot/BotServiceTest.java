package io.switchboard.core.internal.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.api.bot.Bot;
import io.switchboard.core.api.bot.BotSpec;
import io.switchboard.core.api.bot.BotVendor;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.event.EventSelection;
import io.switchboard.core.api.function.ConflictException;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.TestEvents;

class BotServiceTest {

    private static final String CUSTOM = "bot_connectors_custom_integration";
    private static final String PRE = "bot_connectors_pre_hook";
    private static final String MESSAGING = "controllerbot_messaging_conversation_end";

    private final CoreFixture core = new CoreFixture(TestEvents.type(CUSTOM).selection(EventSelection.BOT).build(),
            TestEvents.type(PRE).selection(EventSelection.BOT).build(), TestEvents.type(MESSAGING).build());

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void aBotIsCreatedReadListedReplacedAndDeletedWithItsFunctionsById() {
        FunctionInfo custom = core.deployed("acme", "my-bot", CUSTOM);
        FunctionInfo pre = core.deployed("acme", "my-pre-hook", PRE);

        Bot created = core.bots.create("acme", new BotSpec("bot-1", BotVendor.FAAS, Map.of(CUSTOM, "my-bot")));

        assertThat(created.functions()).isEqualTo(Map.of(CUSTOM, custom.id()));
        assertThat(core.bots.get("acme", "bot-1")).isEqualTo(created);
        assertThat(core.bots.list("acme", 0, 10).items()).containsExactly(created);
        Bot replaced = core.bots.update("acme", "bot-1", new BotSpec("bot-1", BotVendor.DIALOGFLOW_V2, Map.of(PRE, pre.id())));
        assertThat(replaced.vendor()).isEqualTo(BotVendor.DIALOGFLOW_V2);
        assertThat(core.bots.get("acme", "bot-1").functions()).isEqualTo(Map.of(PRE, pre.id()));
        core.bots.delete("acme", "bot-1");
        assertThatThrownBy(() -> core.bots.get("acme", "bot-1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherAccountsBotsAreNotFound() {
        core.deployed("acme", "my-bot", CUSTOM);
        core.bots.create("acme", new BotSpec("bot-1", BotVendor.FAAS, Map.of(CUSTOM, "my-bot")));

        assertThatThrownBy(() -> core.bots.get("globex", "bot-1")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.bots.delete("globex", "bot-1")).isInstanceOf(NotFoundException.class);
        assertThat(core.bots.list("globex", 0, 10).items()).isEmpty();
    }

    @Test
    void aSecondBotWithTheSameIdConflicts() {
        core.bots.create("acme", new BotSpec("bot-1", BotVendor.LEX, Map.of()));

        assertThatThrownBy(() -> core.bots.create("acme", new BotSpec("bot-1", BotVendor.LEX, Map.of()))).isInstanceOf(ConflictException.class);
    }

    @Test
    void everyBadFieldIsNamed() {
        core.deployed("acme", "messaging-fn", MESSAGING);
        core.functions.create("acme", CoreFixture.spec("draft-bot", CUSTOM));

        assertThatThrownBy(() -> core.bots.create("acme", new BotSpec("bad id!", null, Map.of(
                MESSAGING, "messaging-fn", PRE, "draft-bot", CUSTOM, "missing", "third_party_bots_pre_hook", "x"))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("/id", "/vendor", "/functions/" + MESSAGING, "/functions/" + PRE, "/functions/" + CUSTOM,
                                "/functions/third_party_bots_pre_hook"))
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors()).extracting(FieldError::message)
                        .anyMatch(m -> m.contains("renamed to 'bot_connectors_pre_hook'")));
    }

    @Test
    void aFunctionBoundToAnotherEventIsRefused() {
        core.deployed("acme", "pre-fn", PRE);

        assertThatThrownBy(() -> core.bots.create("acme", new BotSpec("bot-1", BotVendor.LEX, Map.of(CUSTOM, "pre-fn"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("1 field error");
    }
}
