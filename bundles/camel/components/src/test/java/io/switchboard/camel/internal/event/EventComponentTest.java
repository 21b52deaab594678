package io.switchboard.camel.internal.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.DispatchRequest;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FieldError;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.event.InvocationMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventComponentTest {

    private final AtomicReference<DispatchRequest> lastRequest = new AtomicReference<>();
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    EventComponentTest() {
        camel.addComponent("event", new EventComponent(request -> {
            lastRequest.set(request);
            if (request.payloadJson().contains("bad")) {
                throw new InvalidPayloadException("bad payload", List.of(new FieldError("/bad", "is not allowed")));
            }
            return new DispatchResult("evt-1", InvocationMode.ASYNC, List.of());
        }));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theSkillCommandAndBotOfTheWebhookGoWithTheEventAndStayOutOfTheFunctionsHeaders() {
        template.request("event:conversational_command", e -> {
            e.getMessage().setBody("{}");
            e.getMessage().setHeader(SwitchboardHeaders.ACCOUNT, "acme");
            e.getMessage().setHeader(SwitchboardHeaders.HTTP_QUERY, "v=1&skillId=sales%20team");
            e.getMessage().setHeader(SwitchboardHeaders.COMMAND_NAME, "echo");
            e.getMessage().setHeader(SwitchboardHeaders.BOT_ID, "bot-7");
        });

        DispatchRequest request = lastRequest.get();
        assertThat(request.skillId()).isEqualTo("sales team");
        assertThat(request.commandName()).isEqualTo("echo");
        assertThat(request.botId()).isEqualTo("bot-7");
        assertThat(request.headers()).isEmpty();
    }

    @Test
    void aSkillHeaderWinsOverTheQueryAndWithoutEitherThereIsNoSkill() {
        template.request("event:x", e -> {
            e.getMessage().setBody("{}");
            e.getMessage().setHeader(SwitchboardHeaders.ACCOUNT, "acme");
            e.getMessage().setHeader(SwitchboardHeaders.SKILL_ID, "from-kafka");
            e.getMessage().setHeader(SwitchboardHeaders.HTTP_QUERY, "skillId=from-query");
        });
        assertThat(lastRequest.get().skillId()).isEqualTo("from-kafka");

        template.request("event:x", e -> {
            e.getMessage().setBody("{}");
            e.getMessage().setHeader(SwitchboardHeaders.ACCOUNT, "acme");
            e.getMessage().setHeader(SwitchboardHeaders.HTTP_QUERY, "skillIdentity=1");
        });
        assertThat(lastRequest.get().skillId()).isNull();
    }

    @Test
    void theBodyIsDispatchedAsTheEventsPayloadAndTheResultBecomesTheBody() {
        Exchange exchange = template.request("event:messaging_conversation_end?trigger=EVENT", e -> {
            e.getMessage().setBody("{\"skillId\":\"7\"}");
            e.getMessage().setHeader(SwitchboardHeaders.ACCOUNT, "acme");
            e.getMessage().setHeader("X-Source", "test");
        });

        DispatchRequest request = lastRequest.get();
        assertThat(request.account()).isEqualTo("acme");
        assertThat(request.eventTypeId()).isEqualTo("messaging_conversation_end");
        assertThat(request.payloadJson()).isEqualTo("{\"skillId\":\"7\"}");
        assertThat(request.trigger()).isEqualTo(Trigger.EVENT);
        assertThat(request.headers()).extracting("key").containsExactly("X-Source");
        assertThat(exchange.getMessage().getBody()).isEqualTo(new DispatchResult("evt-1", InvocationMode.ASYNC, List.of()));
        assertThat(exchange.getMessage().getHeader(SwitchboardHeaders.EVENT_ID)).isEqualTo("evt-1");
    }

    @Test
    void theAccountOfTheUriWinsAndTheDefaultTriggerIsCamel() {
        template.sendBodyAndHeader("event:acme/x", "{}", SwitchboardHeaders.ACCOUNT, "other");

        assertThat(lastRequest.get().account()).isEqualTo("acme");
        assertThat(lastRequest.get().trigger()).isEqualTo(Trigger.CAMEL);
    }

    @Test
    void theCoresRefusalIsThrownAsItIs() {
        assertThatThrownBy(() -> template.sendBody("event:acme/x", "{\"bad\":1}"))
                .hasCauseInstanceOf(InvalidPayloadException.class);
    }
}
