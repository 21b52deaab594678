package io.switchboard.api.http.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.function.FunctionLimitExceededException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreErrorsTest {

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndAtLeastOne() {
        assertThat(CoreErrors.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(CoreErrors.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(CoreErrors.retryAfterSeconds(Duration.ofMillis(3001))).isEqualTo(4);
        assertThat(CoreErrors.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(CoreErrors.retryAfterSeconds(null)).isEqualTo(1);
    }

    @Test
    void aLimitPerSkillNamesTheSkill() {
        Problem problem = CoreErrors.toProblem(new FunctionLimitExceededException("messaging_idle", "42", 1, List.of("a"))).orElseThrow();

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.extensions()).containsEntry("skill", "42").containsEntry("limit", 1);
    }

    @Test
    void anUnexpectedExceptionHasNoProblem() {
        assertThat(CoreErrors.toProblem(new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void jsonMediaTypesAreRecognised() {
        assertThat(RequestBody.isJson("application/json")).isTrue();
        assertThat(RequestBody.isJson("Application/JSON ; charset=utf-8")).isTrue();
        assertThat(RequestBody.isJson("application/problem+json")).isTrue();
        assertThat(RequestBody.isJson("text/json")).isFalse();
        assertThat(RequestBody.isJson("application/jsonp")).isFalse();
    }
}
