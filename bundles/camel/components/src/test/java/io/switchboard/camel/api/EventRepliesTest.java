package io.switchboard.camel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class EventRepliesTest {

    private static final ResultContract UPPER = json -> {
        if (json.contains("dance")) {
            throw new InvalidResultException("Unknown command 'dance'");
        }
        return json.toUpperCase();
    };

    private static FunctionOutcome outcome(String name, Outcome outcome, String result, ExecutionError error) {
        return new FunctionOutcome("inv-" + name, "id-" + name, name, 1, outcome, result, error, List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSyncReplyHasEachFunctionsOutcomeMappedByTheContract() {
        DispatchResult result = new DispatchResult("evt-1", InvocationMode.SYNC, List.of(
                outcome("ok", Outcome.OK, "\"hi\"", null),
                outcome("dancer", Outcome.OK, "\"dance\"", null),
                outcome("slow", Outcome.TIMEOUT, null, new ExecutionError("com.switchboard.function.timeout", "too slow"))));

        Map<String, Object> reply = EventReplies.reply(result, UPPER);

        List<Map<String, Object>> results = (List<Map<String, Object>>) reply.get("results");
        assertThat(reply).containsEntry("eventId", "evt-1").containsEntry("mode", "SYNC");
        assertThat(results.get(0)).containsEntry("outcome", "OK").containsEntry("result", "\"HI\"").containsEntry("invocationId", "inv-ok");
        assertThat(results.get(1)).containsEntry("outcome", "ERROR")
                .containsEntry("error", Map.of("errorCode", InvalidResultException.ERROR_CODE, "errorMsg", "Unknown command 'dance'"));
        assertThat(results.get(2)).containsEntry("outcome", "TIMEOUT")
                .containsEntry("error", Map.of("errorCode", "com.switchboard.function.timeout", "errorMsg", "too slow"));
    }

    @Test
    void anAsyncEventIsAnswered202WithItsId() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new DispatchResult("evt-2", InvocationMode.ASYNC, List.of()));

        EventReplies.acceptance().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
        assertThat(exchange.getMessage().getBody()).isEqualTo(Map.of("eventId", "evt-2", "mode", "ASYNC", "accepted", true));
    }

    @Test
    void acceptanceRefusesASyncResultWhoseResultsWouldBeLost() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new DispatchResult("evt-3", InvocationMode.SYNC, List.of()));

        assertThatThrownBy(() -> EventReplies.acceptance().process(exchange)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSyncMappingAnswers200() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(new DispatchResult("evt-4", InvocationMode.SYNC, List.of()));

        EventReplies.mapping(UPPER).process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }
}
