package io.switchboard.source.conversationalcommands.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.InvalidResultException;
import io.switchboard.core.api.event.EventTypeDefinition;
import io.switchboard.core.api.event.InvocationMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandReplyContractTest {

    private final CommandReplyContract contract = new CommandReplyContract();

    @Test
    void aReplyIsShownToTheAgentAndNotSentToTheConversationUnlessAsked() {
        assertThat(contract.map("{\"reply\":\"Order ships today\"}"))
                .isEqualTo(Map.of("reply", "Order ships today", "sendToConversation", false));
        assertThat(contract.map("{\"reply\":\"x\",\"sendToConversation\":true}"))
                .isEqualTo(Map.of("reply", "x", "sendToConversation", true));
    }

    @Test
    void nothingMeansTheCommandIsNotThisFunctions() {
        assertThat(contract.map("null")).isNull();
    }

    @Test
    void anythingElseIsAnErrorOfTheFunction() {
        assertThatThrownBy(() -> contract.map("{\"text\":\"x\"}")).isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("{\"reply\":\"x\",\"sendToConversation\":\"yes\"}"))
                .isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("not json")).isInstanceOf(InvalidResultException.class);
    }

    @Test
    void theEventTypeIsSynchronousWithALimitOf30AndNoSkills() {
        EventTypeDefinition definition = new ConversationalCommand().definition();

        assertThat(definition.mode()).isEqualTo(InvocationMode.SYNC);
        assertThat(definition.defaultFunctionLimit()).isEqualTo(30);
        assertThat(definition.supportsSkills()).isFalse();
        assertThat(definition.webhookPath()).isEqualTo("/events/conversational-commands/command");
    }
}
