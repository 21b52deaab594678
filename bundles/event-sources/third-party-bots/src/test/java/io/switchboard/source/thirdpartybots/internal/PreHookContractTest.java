package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.InvalidResultException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreHookContractTest {

    private final PreHookContract contract = new PreHookContract();

    @Test
    void theChangedMessageGoesToTheVendor() {
        assertThat(contract.map("{\"message\":\"HELLO\",\"context\":{\"lang\":\"en\"}}"))
                .isEqualTo(Map.of("message", "HELLO", "context", Map.of("lang", "en")));
    }

    @Test
    void nothingKeepsTheConsumersMessage() {
        assertThat(contract.map("null")).isNull();
    }

    @Test
    void aResultWithoutMessageTextIsAnErrorOfTheFunction() {
        assertThatThrownBy(() -> contract.map("{\"message\":3}")).isInstanceOf(InvalidResultException.class);
    }
}
