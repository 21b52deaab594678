package io.switchboard.gateway.liveperson.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.Header;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvocationBodyTest {

    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static InvocationBody parse(String json) {
        return InvocationBody.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCallsTraceparentJoinsTheFunctionsHeaders() {
        InvocationBody body = parse("{\"headers\": [{\"key\": \"X-A\", \"value\": \"1\"}], \"payload\": {}}").withTraceParent(TRACE);
        assertThat(body.headers()).containsExactly(new Header("X-A", "1"), new Header("traceparent", TRACE));
    }

    @Test
    void aTraceparentTheBodyNamesItselfIsKeptAndNoHeaderChangesNothing() {
        InvocationBody own = parse("{\"headers\": [{\"key\": \"TraceParent\", \"value\": \"mine\"}]}");
        assertThat(own.withTraceParent(TRACE).headers()).containsExactly(new Header("TraceParent", "mine"));
        InvocationBody plain = parse("{}");
        assertThat(plain.withTraceParent(null)).isSameAs(plain);
        assertThat(plain.withTraceParent(" ")).isSameAs(plain);
    }
}
