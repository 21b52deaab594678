package io.switchboard.api.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.FunctionOutcome;
import io.switchboard.core.api.execution.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private final Json json = new Json();
    private final Views views = new Views(json);

    private String write(Object value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNullResultOfASuccessfulRunIsWrittenAsNull() throws Exception {
        FunctionOutcome outcome = new FunctionOutcome("inv-1", "fn-1", "f", 1, Outcome.OK, "null", null, List.of());

        assertThat(write(views.outcome(outcome))).contains("\"result\":null").doesNotContain("\"error\"");
    }

    @Test
    void aResultThatIsNotJsonIsEmbeddedAsAString() throws Exception {
        FunctionOutcome outcome = new FunctionOutcome("inv-1", "fn-1", "f", 1, Outcome.OK, "not json", null, List.of());

        assertThat(write(views.outcome(outcome))).contains("\"result\":\"not json\"");
    }

    @Test
    void aTimeoutHasNoResult() throws Exception {
        FunctionOutcome outcome = new FunctionOutcome("inv-1", "fn-1", "f", 1, Outcome.TIMEOUT, null,
                new io.switchboard.core.api.execution.ExecutionError("com.switchboard.function.timeout", "too slow"), List.of());

        assertThat(write(views.outcome(outcome))).doesNotContain("\"result\"").contains("\"errorCode\":\"com.switchboard.function.timeout\"");
    }
}
