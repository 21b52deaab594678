package io.switchboard.api.http.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.function.FunctionLimitExceededException;
import io.switchboard.core.api.function.QuotaExceededException;
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
    void aCountQuotaIs429AndASizeQuotaIs413NamingTheQuotaAndLimit() {
        Problem functions = CoreErrors.toProblem(new QuotaExceededException("acme", QuotaExceededException.Quota.MAX_FUNCTIONS, 100, 101,
                "Delete some.")).orElseThrow();
        Problem code = CoreErrors.toProblem(new QuotaExceededException("acme", QuotaExceededException.Quota.MAX_CODE_CHARS, 1000, 1200,
                "Make it smaller.")).orElseThrow();

        assertThat(functions.status()).isEqualTo(429);
        assertThat(functions.type()).endsWith("quota-exceeded");
        assertThat(functions.extensions()).containsEntry("quota", "maxFunctions").containsEntry("limit", 100L).containsEntry("requested", 101L);
        assertThat(code.status()).isEqualTo(413);
        assertThat(code.detail()).contains("at most 1000 characters of code", "would make 1200");
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
