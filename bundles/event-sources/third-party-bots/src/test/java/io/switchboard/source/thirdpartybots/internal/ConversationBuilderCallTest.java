package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.WebhookRejectedException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ConversationBuilderCallTest {

    private final ConversationBuilderCall call = new ConversationBuilderCall();

    private static Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void theFunctionGoesIntoAHeaderThePayloadIntoTheBodyAndTheHeadersOntoTheMessage() {
        Exchange exchange = exchange("{\"functionId\":\"lookup\",\"payload\":{\"a\":1},\"headers\":[{\"key\":\"X-Bot\",\"value\":\"cb\"}]}");

        call.process(exchange);

        assertThat(exchange.getMessage().getHeader(ConversationBuilderCall.FUNCTION_HEADER)).isEqualTo("lookup");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"a\":1}");
        assertThat(exchange.getMessage().getHeader("X-Bot")).isEqualTo("cb");
    }

    @Test
    void aFunctionReferenceNamingAnotherAccountOrUriOptionsIsRefused() {
        assertThatThrownBy(() -> call.process(exchange("{\"functionId\":\"other/fn\",\"payload\":{}}")))
                .isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> call.process(exchange("{\"functionId\":\"fn?failOnError=true\",\"payload\":{}}")))
                .isInstanceOf(WebhookRejectedException.class);
    }

    @Test
    void aCallWithoutPayloadOrNotJsonIsRefused() {
        assertThatThrownBy(() -> call.process(exchange("{\"functionId\":\"fn\"}"))).isInstanceOf(WebhookRejectedException.class);
        assertThatThrownBy(() -> call.process(exchange("[1"))).isInstanceOf(WebhookRejectedException.class);
    }
}
