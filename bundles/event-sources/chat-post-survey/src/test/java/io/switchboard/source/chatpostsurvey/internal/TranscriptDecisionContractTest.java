package io.switchboard.source.chatpostsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.InvalidResultException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscriptDecisionContractTest {

    private final TranscriptDecisionContract contract = new TranscriptDecisionContract();

    @Test
    void aDecisionToSendKeepsTheAddressesAndSubject() {
        assertThat(contract.map("{\"sendTranscript\":true,\"to\":[\"alex.kim@example.com\"],\"subject\":\"Your chat\"}"))
                .isEqualTo(Map.of("sendTranscript", true, "to", List.of("alex.kim@example.com"), "subject", "Your chat"));
    }

    @Test
    void aDecisionNotToSendIsJustThatAndNullIsNoDecision() {
        assertThat(contract.map("{\"sendTranscript\":false,\"to\":[\"x@example.com\"]}")).isEqualTo(Map.of("sendTranscript", false));
        assertThat(contract.map("null")).isNull();
    }

    @Test
    void sendingWithoutAnAddressOrWithoutADecisionBreaksTheContract() {
        assertThatThrownBy(() -> contract.map("{\"sendTranscript\":true}")).isInstanceOf(InvalidResultException.class)
                .hasMessageContaining("at least one address");
        assertThatThrownBy(() -> contract.map("{\"sendTranscript\":true,\"to\":[\"nobody\"]}")).isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("{\"to\":[\"x@example.com\"]}")).isInstanceOf(InvalidResultException.class);
        assertThatThrownBy(() -> contract.map("[]")).isInstanceOf(InvalidResultException.class);
    }
}
