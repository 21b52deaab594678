package io.switchboard.camel.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.event.ResultDelivery;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class EventRepliesTest {

    private static FunctionOutcome outcome(String name, Outcome outcome, String result, ExecutionError error) {
        return new FunctionOutcome("inv-" + name, "id-" + name, name, 1, outcome, result, error, List.of());
    }

    private static Exchange answer(DispatchResult result) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(result);
        EventReplies.answer().process(exchange);
        return exchange;
    }

    @Test
    void anAsyncEventIsAnswered202WithItsId() throws Exception {
        Exchange exchange = answer(new DispatchResult("evt-2", InvocationMode.ASYNC, List.of()));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(exchange.getMessage().getBody()).isEqualTo(Map.of("eventId", "evt-2"));
    }

    @Test
    void aSyncEventIsAnsweredItsCombinedResultAsTheBody() throws Exception {
        Exchange exchange = answer(new DispatchResult("evt-3", InvocationMode.SYNC, List.of(outcome("echo", Outcome.OK, "\"hi\"", null)),
                ResultDelivery.COMMAND_REPLY, "\"hi\"", null));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8)).isEqualTo("\"hi\"");
    }

    @Test
    void aFailedFunctionIsAnswered901InLivePersonsShape() throws Exception {
        FunctionOutcome failed = outcome("echo", Outcome.ERROR, null, new ExecutionError("com.switchboard.function.failed", "nope"));
        Exchange exchange = answer(new DispatchResult("evt-4", InvocationMode.SYNC, List.of(failed), ResultDelivery.COMMAND_REPLY, null, failed));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(901);
        assertThat(exchange.getMessage().getBody()).isEqualTo(Map.of("errorCode", "com.liveperson.faas.handler.custom-failure", "errorMsg", "nope"));
    }

    @Test
    void aTypeWhoseResultGoesNowhereIsAnswered204() throws Exception {
        Exchange exchange = answer(new DispatchResult("evt-5", InvocationMode.SYNC, List.of(outcome("hook", Outcome.OK, "{}", null)),
                ResultDelivery.NONE, "null", null));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(204);
        assertThat(exchange.getMessage().getBody()).isNull();
    }

    @Test
    void anEventRefusedForNowCarriesTheSecondsToWaitForTheWebhooksRetryAfter() throws Exception {
        FunctionOutcome refused = outcome("loop", Outcome.REJECTED, null, new ExecutionError("com.switchboard.dispatch.quarantined", "later"));
        Exchange exchange = answer(new DispatchResult("evt-6", InvocationMode.SYNC, List.of(refused), ResultDelivery.COMMAND_REPLY, null, refused,
                java.time.Duration.ofSeconds(12)));

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.HTTP_RETRY_AFTER)).isEqualTo(12L);
        assertThat(answer(new DispatchResult("evt-7", InvocationMode.SYNC, List.of(refused), ResultDelivery.COMMAND_REPLY, null, refused))
                .getMessage().getHeader(SwitchboardHeaders.HTTP_RETRY_AFTER)).as("no time named, none sent").isNull();
    }
}
