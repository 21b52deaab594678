package io.switchboard.source.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.internal.results.EventResultsComponent;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Checks an asynchronous family's result routes (a {@code ResultCallbackRoutes} built from callback URL entries):
 * the same two checks for every family that delivers results to callbacks.
 */
public final class ResultRoutesContract {

    private ResultRoutesContract() {
    }

    /**
     * Started in a Camel context, the routes listen for the results of exactly the family's event types (and stop
     * listening when the context closes), and {@code routedEvent} has its route {@code <event>-results}.
     *
     * @param routes the family's routes, built from callback URL entries
     */
    public static void assertEveryEventHasAResultRouteListeningForItsType(Function<String[], RoutesBuilder> routes, List<String> eventIds,
            String routedEvent) throws Exception {
        Map<String, AsyncOutcomeListener> listeners = new ConcurrentHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(EventResultsComponent.SCHEME, new EventResultsComponent((type, listener) -> {
                listeners.put(type, listener);
                return () -> listeners.remove(type);
            }));
            camel.addRoutes(routes.apply(new String[] {"acme=http://127.0.0.1:9/callbacks"}));
            camel.start();

            assertThat(listeners.keySet()).containsExactlyInAnyOrderElementsOf(eventIds);
            assertThat(camel.getRoute(routedEvent + "-results")).isNotNull();
        }
        assertThat(listeners).isEmpty();
    }

    /** A callback entry that is not {@code account=url} is refused with a message naming it. */
    public static void assertACallbackEntryThatIsNotAccountEqualsUrlIsRefused(Function<String[], RoutesBuilder> routes) {
        assertThatThrownBy(() -> routes.apply(new String[] {"http://nowhere"}))
                .hasMessageContaining("'http://nowhere' is not account=url");
    }
}
