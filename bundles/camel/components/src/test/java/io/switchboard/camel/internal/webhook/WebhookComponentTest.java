package io.switchboard.camel.internal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.camel.api.WebhookRejectedException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookComponentTest {

    private final WebhookRegistry registry = new WebhookRegistry();
    private final CamelContext camel = context();

    private CamelContext context() {
        CamelContext context = new DefaultCamelContext();
        context.addComponent("webhook", new WebhookComponent(registry));
        return context;
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aStartedRouteServesItsPathWithTheStatusAndBodyItSetsAndLeavesWhenStopped() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:/events/test/echo").routeId("echo")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(201))
                        .setBody(simple("${header." + SwitchboardHeaders.ACCOUNT + "}:${header.X-Trace}:${body}"));
            }
        });
        camel.start();

        WebhookReply reply = registry.consumerFor("/events/test/echo").orElseThrow().consumer()
                .handle(new WebhookCall("acme", "{\"a\":1}", Map.of("X-Trace", "t1"), Map.of(), null));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("acme:t1:{\"a\":1}");
        assertThat(reply.failure()).isNull();
        camel.getRouteController().stopRoute("echo");
        assertThat(registry.consumerFor("/events/test/echo")).isEmpty();
    }

    @Test
    void aRoutesExceptionIsHandedBackForTheServletToAnswer() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("webhook:/events/test/refuse").process(e -> {
                    throw new WebhookRejectedException(422, "no");
                });
            }
        });
        camel.start();

        WebhookReply reply = registry.consumerFor("/events/test/refuse").orElseThrow().consumer()
                .handle(new WebhookCall("acme", "{}", Map.of(), Map.of(), null));

        assertThat(reply.failure()).isInstanceOf(WebhookRejectedException.class);
        assertThat(Problem.forFailure(reply.failure()).status()).isEqualTo(422);
    }

    @Test
    void aSecondRouteOnATakenPathDoesNotStart() throws Exception {
        RouteBuilder routes = new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:/events/test/taken").setBody(constant("first"));
            }
        };
        camel.addRoutes(routes);
        camel.start();
        CamelContext other = context();
        other.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:/events/test/taken").setBody(constant("second"));
            }
        });

        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class).hasMessage("Webhook path /events/test/taken is already served by route 'route1' of "
                + camel.getName() + "; give this route another path");
        other.stop();
    }

    @Test
    void aTemplatePathServesEverySegmentValueAndHandsTheValuesAndTheQueryToTheRoute() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("webhook:/events/test/bots/{botId}/pre-hook").routeId("pre")
                        .setBody(simple("${header." + SwitchboardHeaders.BOT_ID + "}|${header." + SwitchboardHeaders.HTTP_QUERY + "}"));
                from("webhook:/events/test/bots/special/pre-hook").routeId("special").setBody(constant("plain path wins"));
            }
        });
        camel.start();

        WebhookRegistry.Match match = registry.consumerFor("/events/test/bots/bot%2D7/pre-hook").orElseThrow();
        assertThat(match.variables()).isEqualTo(Map.of("botId", "bot-7"));
        assertThat(match.consumer().handle(new WebhookCall("acme", "{}", Map.of(), match.variables(), "skillId=12")).body())
                .isEqualTo("bot-7|skillId=12");
        assertThat(registry.consumerFor("/events/test/bots/special/pre-hook").orElseThrow().consumer()
                .handle(new WebhookCall("acme", "{}", Map.of(), Map.of(), null)).body()).isEqualTo("plain path wins");
        assertThat(registry.consumerFor("/events/test/bots/b/post-hook")).isEmpty();
        assertThat(registry.consumerFor("/events/test/bots//pre-hook")).isEmpty();
        assertThat(registry.consumerFor("/events/test/bots/a/b/pre-hook")).isEmpty();
        camel.getRouteController().stopRoute("pre");
        assertThat(registry.consumerFor("/events/test/bots/bot-7/pre-hook")).isEmpty();
    }

    @Test
    void aSegmentThatIsHalfAVariableIsRefused() {
        assertThatThrownBy(() -> camel.getEndpoint("webhook:/events/test/x{botId}")).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathOutsideEventsIsRefused() {
        assertThatThrownBy(() -> camel.getEndpoint("webhook:/api/v1/x")).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> camel.getEndpoint("webhook:/events/")).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
