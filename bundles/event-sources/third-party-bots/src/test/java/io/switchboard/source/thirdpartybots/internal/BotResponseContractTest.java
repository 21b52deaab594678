package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.InvalidResultException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotResponseContractTest {

    private final BotResponseContract contract = new BotResponseContract();

    @Test
    @SuppressWarnings("unchecked")
    void messagesContextAndKnownActionsPassThrough() {
        Map<String, Object> mapped = (Map<String, Object>) contract.map("{\"messages\":[\"hi\",{\"type\":\"card\"}],"
                + "\"context\":{\"step\":2},\"actions\":[{\"name\":\"TRANSFER\",\"parameters\":{\"skill\":\"billing\"}},"
                + "{\"name\":\"CLOSE_CONVERSATION\"}]}");

        assertThat((List<Object>) mapped.get("messages")).containsExactly("hi", Map.of("type", "card"));
        assertThat(mapped.get("context")).isEqualTo(Map.of("step", 2));
        assertThat((List<Object>) mapped.get("actions")).hasSize(2);
    }

    @Test
    void nothingIsAnAnswerWithoutMessagesOrActions() {
        assertThat(contract.map("null")).isEqualTo(Map.of("messages", List.of(), "actions", List.of()));
    }

    @Test
    void anUnknownActionIsAnErrorOfTheFunction() {
        assertThatThrownBy(() -> contract.map("{\"actions\":[{\"name\":\"DANCE\"}]}"))
                .isInstanceOf(InvalidResultException.class).hasMessageContaining("DANCE");
    }

    @Test
    void aTransferNeedsASkillOrAnAgent() {
        assertThatThrownBy(() -> contract.map("{\"actions\":[{\"name\":\"TRANSFER\",\"parameters\":{}}]}"))
                .isInstanceOf(InvalidResultException.class).hasMessageContaining("skill");
    }

    @Test
    void messagesMustBeTextsOrObjects() {
        assertThatThrownBy(() -> contract.map("{\"messages\":[1]}")).isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("\"just text\"")).isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("{not json")).isInstanceOf(InvalidResultException.class);
    }
}
