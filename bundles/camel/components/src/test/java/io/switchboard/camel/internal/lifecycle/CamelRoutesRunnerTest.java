package io.switchboard.camel.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.switchboard.camel.internal.webhook.WebhookRegistry;
import io.switchboard.core.api.dispatch.DispatchResult;
import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.event.InvocationMode;
import io.switchboard.core.api.execution.Outcome;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

class CamelRoutesRunnerTest {

    private final Bundle bundle = bundle("com.example.source", 42);
    private final CamelRoutesRunner runner = new CamelRoutesRunner(
            (account, function, payload, headers, trigger) -> new FunctionOutcome("i", "f", function, 1, Outcome.OK, payload, null, List.of()),
            request -> new DispatchResult("e", InvocationMode.ASYNC, List.of()), new WebhookRegistry(), new RouteObservers(), config());

    @AfterEach
    void deactivate() {
        runner.deactivate();
    }

    @Test
    void routesOfOneBundleShareOneContextThatStopsWithItsLastBuilder() {
        RoutesBuilder first = routes("direct:first", null);
        RoutesBuilder second = routes("direct:second", null);
        runner.activate();

        runner.bindRoutesBuilder(first, reference(bundle));
        runner.bindRoutesBuilder(second, reference(bundle));
        CamelContext context = runner.contextOf(bundle).orElseThrow();

        assertThat(context.getName()).isEqualTo("switchboard-com.example.source-42");
        assertThat(context.getRoutes()).hasSize(2);
        assertThat(context.createProducerTemplate().requestBody("direct:first", "{}", String.class)).isEqualTo("{}");
        runner.unbindRoutesBuilder(first, reference(bundle));
        assertThat(context.getRoutes()).hasSize(1);
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Started);
        runner.unbindRoutesBuilder(second, reference(bundle));
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Stopped);
        assertThat(runner.contextOf(bundle)).isEmpty();
    }

    @Test
    void buildersBoundBeforeActivationStartWithIt() {
        runner.bindRoutesBuilder(routes("direct:early", null), reference(bundle));
        assertThat(runner.contextOf(bundle)).isEmpty();

        runner.activate();

        assertThat(runner.contextOf(bundle).orElseThrow().getRoutes()).hasSize(1);
    }

    @Test
    void aReconfiguredRunnerStartsTheSameBuildersAgain() {
        RoutesBuilder builder = routes("direct:again", null);
        runner.activate();
        runner.bindRoutesBuilder(builder, reference(bundle));
        runner.deactivate();
        CamelRoutesRunner next = new CamelRoutesRunner(
                (account, function, payload, headers, trigger) -> null,
                request -> new DispatchResult("e", InvocationMode.ASYNC, List.of()), new WebhookRegistry(), new RouteObservers(), config());

        next.bindRoutesBuilder(builder, reference(bundle));
        next.activate();
        try {
            assertThat(next.contextOf(bundle).orElseThrow().createProducerTemplate()
                    .requestBody("direct:again", "{\"a\":2}", String.class)).isEqualTo("{\"a\":2}");
        } finally {
            next.deactivate();
        }
    }

    @Test
    void everyFinishedExchangeOfARouteIsToldToTheRouteObserversWithItsRouteAndWhetherItFailed() {
        RouteObservers observers = new RouteObservers();
        List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        observers.addObserver((context, route, failed, nanos) -> told.add(context + " " + route + " " + failed + " " + (nanos >= 0)));
        CamelRoutesRunner observed = new CamelRoutesRunner((account, function, payload, headers, trigger) -> null,
                request -> new DispatchResult("e", InvocationMode.ASYNC, List.of()), new WebhookRegistry(), observers, config());
        observed.activate();
        try {
            observed.bindRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:fine").routeId("fine").setBody(constant("ok"));
                    from("direct:broken").routeId("broken").throwException(new IllegalStateException("broken on purpose"));
                }
            }, reference(bundle));
            org.apache.camel.ProducerTemplate template = observed.contextOf(bundle).orElseThrow().createProducerTemplate();

            template.requestBody("direct:fine", "{}", String.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> template.requestBody("direct:broken", "{}", String.class))
                    .hasRootCauseMessage("broken on purpose");

            assertThat(told).containsExactly("switchboard-com.example.source-42 fine false true",
                    "switchboard-com.example.source-42 broken true true");
        } finally {
            observed.deactivate();
        }
    }

    @Test
    void theFunctionComponentIsThereForEveryRoute() {
        runner.activate();
        runner.bindRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:call").to("function:acme/echo");
            }
        }, reference(bundle));

        String result = runner.contextOf(bundle).orElseThrow().createProducerTemplate().requestBody("direct:call", "{\"x\":1}", String.class);

        assertThat(result).isEqualTo("{\"x\":1}");
    }

    @Test
    void anInFlightExchangeFinishesBeforeTheRoutesStop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RoutesBuilder slow = routes("direct:slow", release);
        runner.activate();
        runner.bindRoutesBuilder(slow, reference(bundle));
        CamelContext context = runner.contextOf(bundle).orElseThrow();
        // The reply is taken without a type conversion: the context may already be stopped (and its type converter
        // gone) by the time the caller's thread reads the reply, once the exchange itself has finished.
        CompletableFuture<Object> inFlight = CompletableFuture.supplyAsync(
                () -> context.createProducerTemplate().requestBody("direct:slow", "{\"n\":1}"));
        await(() -> context.getInflightRepository().size() == 1);

        Thread stopping = new Thread(() -> runner.unbindRoutesBuilder(slow, reference(bundle)), "stopping");
        stopping.start();
        // The shutdown strategy polls the in-flight exchanges: the unbinding thread parks while one is running.
        await(() -> stopping.getState() == Thread.State.TIMED_WAITING || stopping.getState() == Thread.State.WAITING);
        assertThat(context.getInflightRepository().size()).isEqualTo(1);
        assertThat(stopping.isAlive()).isTrue();
        release.countDown();

        assertThat(String.valueOf(inFlight.get(10, TimeUnit.SECONDS))).isEqualTo("{\"n\":1}");
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();
        assertThat(context.getStatus()).isEqualTo(ServiceStatus.Stopped);
    }

    @Test
    void routesThatCannotStartAreTheHealthChecksProblemUntilTheirBuilderGoes() {
        Bundle broken = bundle("com.example.broken", 7);
        RoutesBuilder bad = new RouteBuilder() {
            @Override
            public void configure() {
                from("no-such-scheme:x").to("direct:nowhere");
            }
        };
        RoutesBuilder good = routes("direct:good", null);
        runner.activate();
        assertThat(runner.get()).isEmpty();

        runner.bindRoutesBuilder(bad, reference(broken));
        runner.bindRoutesBuilder(good, reference(bundle));

        assertThat(runner.get()).singleElement().asString()
                .startsWith("routes of bundle com.example.broken 1.2.3 (")
                .contains("could not start").contains("no-such-scheme");
        assertThat(runner.contextOf(broken)).isEmpty();
        assertThat(runner.contextOf(bundle).orElseThrow().getRoutes()).hasSize(1);
        runner.unbindRoutesBuilder(bad, reference(broken));
        assertThat(runner.get()).isEmpty();
    }

    private static RoutesBuilder routes(String from, CountDownLatch gate) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(from.replace(':', '-')).process(exchange -> {
                    if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the exchange");
                    }
                });
            }
        };
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static Bundle bundle(String name, long id) {
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn(name);
        when(bundle.getBundleId()).thenReturn(id);
        when(bundle.getVersion()).thenReturn(new Version("1.2.3"));
        return bundle;
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<RoutesBuilder> reference(Bundle bundle) {
        ServiceReference<RoutesBuilder> reference = mock(ServiceReference.class);
        when(reference.getBundle()).thenReturn(bundle);
        return reference;
    }

    private static CamelConfiguration config() {
        return new CamelConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CamelConfiguration.class;
            }

            @Override
            public ErrorHandling errorHandling() {
                return ErrorHandling.REDELIVER;
            }

            @Override
            public int maximumRedeliveries() {
                return 0;
            }

            @Override
            public long redeliveryDelayMs() {
                return 10;
            }

            @Override
            public int shutdownTimeoutSeconds() {
                return 30;
            }
        };
    }
}
