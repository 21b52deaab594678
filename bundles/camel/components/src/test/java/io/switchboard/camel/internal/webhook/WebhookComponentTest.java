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

        WebhookReply reply = registry.consumerFor("/events/test/echo").orElseThrow()
                .handle(new WebhookCall("acme", "{\"a\":1}", Map.of("X-Trace", "t1")));

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

        WebhookReply reply = registry.consumerFor("/events/test/refuse").orElseThrow().handle(new WebhookCall("acme", "{}", Map.of()));

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
    void aPathOutsideEventsIsRefused() {
        assertThatThrownBy(() -> camel.getEndpoint("webhook:/api/v1/x")).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> camel.getEndpoint("webhook:/events/")).hasRootCauseInstanceOf(IllegalArgumentException.class);
    }
}
