package io.switchboard.camel.internal.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.FunctionFailedException;
import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.dispatch.Header;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionComponentTest {

    private record Call(String account, String function, String payload, List<Header> headers, Trigger trigger) {
    }

    private final AtomicReference<Call> lastCall = new AtomicReference<>();
    private final AtomicReference<FunctionOutcome> answer = new AtomicReference<>(
            new FunctionOutcome("inv-1", "fn-1", "greeter", 3, Outcome.OK, "{\"text\":\"hello\"}", null, List.of()));
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    FunctionComponentTest() {
        camel.addComponent("function", new FunctionComponent((account, function, payload, headers, trigger) -> {
            lastCall.set(new Call(account, function, payload, headers, trigger));
            return answer.get();
        }));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theBodyIsThePayloadHeadersAreTheFunctionsHeadersAndTheResultBecomesTheBody() {
        Exchange exchange = template.request("function:acme/greeter", e -> {
            e.getMessage().setBody("{\"name\":\"Ada\"}");
            e.getMessage().setHeader("X-Request", "42");
            e.getMessage().setHeader("CamelFileName", "internal");
            e.getMessage().setHeader(SwitchboardHeaders.WEBHOOK_PATH, "/events/x");
        });

        assertThat(lastCall.get()).isEqualTo(new Call("acme", "greeter", "{\"name\":\"Ada\"}",
                List.of(new Header("X-Request", "42")), Trigger.CAMEL));
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"text\":\"hello\"}");
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.OUTCOME)).isEqualTo("OK");
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.INVOCATION_ID)).isEqualTo("inv-1");
    }

    @Test
    void theRoutesInputHeadersFollowTheMessagesAndNoReservedNameReachesTheFunction() {
        template.request("function:acme/greeter", e -> {
            e.getMessage().setBody("{}");
            e.getMessage().setHeader("X-Request", "42");
            e.getMessage().setHeader("x-switchboard-account", "bob");
            e.setProperty(SwitchboardHeaders.FUNCTION_INPUT_HEADERS, List.of(new Header("X-Bot", "cb"),
                    new Header("switchboardaccount", "bob"), new Header("camelHttpResponseCode", "101")));
        });

        assertThat(lastCall.get().headers()).containsExactly(new Header("X-Request", "42"), new Header("X-Bot", "cb"));
    }

    @Test
    void aMapBodyIsSentAsJsonAndTheAccountMayComeFromTheHeader() {
        template.sendBodyAndHeader("function:greeter?trigger=EXTERNAL", Map.of("name", "Ada"), SwitchboardHeaders.ACCOUNT, "globex");

        assertThat(lastCall.get().account()).isEqualTo("globex");
        assertThat(lastCall.get().payload()).isEqualTo("{\"name\":\"Ada\"}");
        assertThat(lastCall.get().trigger()).isEqualTo(Trigger.EXTERNAL);
    }

    @Test
    void withoutAccountInUriOrHeaderTheExchangeFailsNamingWhatToDo() {
        assertThatThrownBy(() -> template.sendBody("function:greeter", "{}"))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseMessage(
                        "No account for 'greeter': name it in the URI (<account>/greeter) or set the header SwitchboardAccount");
    }

    @Test
    void aFailedFunctionThrowsByDefault() {
        answer.set(new FunctionOutcome("inv-2", "fn-1", "greeter", 3, Outcome.TIMEOUT, null,
                new ExecutionError("com.switchboard.function.timeout", "did not finish in 1000 ms"), List.of()));

        assertThatThrownBy(() -> template.sendBody("function:acme/greeter", "{}"))
                .hasCauseInstanceOf(FunctionFailedException.class)
                .cause().hasMessageContaining("TIMEOUT").hasMessageContaining("inv-2");
    }

    @Test
    void withFailOnErrorFalseTheErrorIsInTheBodyAndHeaders() {
        answer.set(new FunctionOutcome("inv-3", "fn-1", "greeter", 3, Outcome.ERROR, null,
                new ExecutionError("com.switchboard.function.error", "boom"), List.of()));

        Exchange exchange = template.request("function:acme/greeter?failOnError=false", e -> e.getMessage().setBody("{}"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class))
                .isEqualTo("{\"errorCode\":\"com.switchboard.function.error\",\"errorMsg\":\"boom\"}");
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.OUTCOME)).isEqualTo("ERROR");
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.ERROR_MESSAGE)).isEqualTo("boom");
    }

    @Test
    void aUriWithTooManySegmentsIsRefused() {
        assertThatThrownBy(() -> camel.getEndpoint("function:a/b/c")).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
