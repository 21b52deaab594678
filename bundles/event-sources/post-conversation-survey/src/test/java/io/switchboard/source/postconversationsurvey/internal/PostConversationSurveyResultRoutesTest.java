package io.switchboard.source.postconversationsurvey.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.internal.results.EventResultsComponent;
import io.switchboard.core.api.dispatch.AsyncOutcomeListener;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import io.switchboard.source.testkit.Annotations;
import org.junit.jupiter.api.Test;

class PostConversationSurveyResultRoutesTest {

    @Test
    void everyEventOfTheFamilyHasAResultRouteListeningForItsType() throws Exception {
        Map<String, AsyncOutcomeListener> listeners = new ConcurrentHashMap<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent(EventResultsComponent.SCHEME, new EventResultsComponent((type, listener) -> {
                listeners.put(type, listener);
                return () -> listeners.remove(type);
            }));
            camel.addRoutes(new PostConversationSurveyResultRoutes(config(new String[] {"acme=http://127.0.0.1:9/callbacks"})));
            camel.start();

            assertThat(listeners.keySet()).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(PostConversationSurveyEvent.values()).map(PostConversationSurveyEvent::id).toList());
            assertThat(camel.getRoute(PostConversationSurveyEvent.SURVEY_ENDED.id() + "-results")).isNotNull();
        }
        assertThat(listeners).isEmpty();
    }

    @Test
    void aCallbackEntryThatIsNotAccountEqualsUrlIsRefusedNamingIt() {
        assertThatThrownBy(() -> new PostConversationSurveyResultRoutes(config(new String[] {"http://nowhere"})))
                .hasMessageContaining("'http://nowhere' is not account=url");
    }

    private static PostConversationSurveyResultRoutes.Config config(String[] callbackUrls) {
        return Annotations.of(PostConversationSurveyResultRoutes.Config.class, "callbackUrls", callbackUrls, "timeoutMs", 1_000L,
                "maximumRedeliveries", 0, "redeliveryDelayMs", 1L);
    }
}
