package io.switchboard.source.thirdpartybots.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.api.WebhookRejectedException;
import io.switchboard.core.api.dispatch.Header;
import java.util.List;
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
    void theFunctionGoesIntoAHeaderThePayloadIntoTheBodyAndTheHeadersAreDataForTheFunction() {
        Exchange exchange = exchange("{\"functionId\":\"lookup\",\"payload\":{\"a\":1},\"headers\":[{\"key\":\"X-Bot\",\"value\":\"cb\"}]}");

        call.process(exchange);

        assertThat(exchange.getMessage().getHeader(ConversationBuilderCall.FUNCTION_HEADER)).isEqualTo("lookup");
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"a\":1}");
        assertThat(exchange.getMessage().getHeader("X-Bot")).isNull();
        assertThat(exchange.getProperty(SwitchboardHeaders.FUNCTION_INPUT_HEADERS)).isEqualTo(List.of(new Header("X-Bot", "cb")));
    }

    @Test
    void headersNamingAnAccountOrCamelsHeadersNeverBecomeCamelHeadersNorReachTheFunction() {
        Exchange exchange = exchange("{\"functionId\":\"lookup\",\"payload\":{},\"headers\":["
                + "{\"key\":\"SwitchboardAccount\",\"value\":\"bob\"},{\"key\":\"switchboardaccount\",\"value\":\"bob\"},"
                + "{\"key\":\"CamelHttpResponseCode\",\"value\":\"101\"},{\"key\":\"X-Switchboard-Account\",\"value\":\"bob\"},"
                + "{\"value\":\"no key\"}]}");
        exchange.getMessage().setHeader(SwitchboardHeaders.ACCOUNT, "alice");

        call.process(exchange);

        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.ACCOUNT)).isEqualTo("alice");
        assertThat(exchange.getMessage().getHeader(org.apache.camel.Exchange.HTTP_RESPONSE_CODE)).isNull();
        assertThat(exchange.getProperty(SwitchboardHeaders.FUNCTION_INPUT_HEADERS)).isEqualTo(List.of());
    }

    @Test
    void headersThatAreNotAListAreRefused() {
        assertThatThrownBy(() -> call.process(exchange("{\"functionId\":\"fn\",\"payload\":{},\"headers\":{\"SwitchboardAccount\":\"bob\"}}")))
                .isInstanceOf(WebhookRejectedException.class);
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
