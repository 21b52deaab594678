package io.switchboard.camel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackCommandsContractTest {

    private final CallbackCommandsContract contract = new CallbackCommandsContract();

    @Test
    void oneCommandBecomesAListOfOne() {
        assertThat(contract.map("{\"type\":\"sendMessage\",\"text\":\"Bye!\"}"))
                .isEqualTo(List.of(Map.of("type", "sendMessage", "text", "Bye!", "systemMessage", false)));
    }

    @Test
    void everyKnownCommandIsMappedInOrder() {
        assertThat(contract.map("[{\"type\":\"sendMessage\",\"text\":\"Hi\",\"systemMessage\":true},{\"type\":\"transfer\",\"skillId\":\"7\"},"
                + "{\"type\":\"transfer\",\"agentId\":\"a-1\"},{\"type\":\"closeConversation\"},{\"type\":\"noAction\"}]"))
                .isEqualTo(List.of(Map.of("type", "sendMessage", "text", "Hi", "systemMessage", true),
                        Map.of("type", "transfer", "skillId", "7"), Map.of("type", "transfer", "agentId", "a-1"),
                        Map.of("type", "closeConversation"), Map.of("type", "noAction")));
    }

    @Test
    void nullAndAnEmptyListAreNothing() {
        assertThat(contract.map("null")).isEqualTo(List.of());
        assertThat(contract.map("[]")).isEqualTo(List.of());
    }

    @Test
    void anUnknownCommandOrAMissingFieldBreaksTheContract() {
        assertThatThrownBy(() -> contract.map("{\"type\":\"explode\"}")).isInstanceOf(InvalidResultException.class)
                .hasMessageContaining("Unknown callback command \"explode\"");
        assertThatThrownBy(() -> contract.map("[{\"type\":\"sendMessage\"}]")).isInstanceOf(InvalidResultException.class)
                .hasMessageContaining("text");
        assertThatThrownBy(() -> contract.map("{\"type\":\"transfer\"}")).isInstanceOf(InvalidResultException.class)
                .hasMessageContaining("skillId");
        assertThatThrownBy(() -> contract.map("\"close\"")).isInstanceOf(InvalidResultException.class);
    }
}
