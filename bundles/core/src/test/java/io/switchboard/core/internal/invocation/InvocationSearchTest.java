package io.switchboard.core.internal.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.api.dispatch.Trigger;
import io.switchboard.core.api.execution.ExecutionError;
import io.switchboard.core.api.execution.LogLevel;
import io.switchboard.core.api.execution.LogLine;
import io.switchboard.core.api.execution.Outcome;
import io.switchboard.core.api.function.FunctionInfo;
import io.switchboard.core.api.function.InvocationFilter;
import io.switchboard.core.api.function.InvocationRecord;
import io.switchboard.core.api.function.NotFoundException;
import io.switchboard.core.api.function.Page;
import io.switchboard.core.api.function.ValidationException;
import io.switchboard.core.internal.id.TimeOrderedIds;
import io.switchboard.core.internal.testing.CoreFixture;
import io.switchboard.core.internal.testing.DatabaseTest;
import io.switchboard.core.internal.testing.TestConfigs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@DatabaseTest
class InvocationSearchTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final CoreFixture core = new CoreFixture();
    private final InvocationServiceImpl invocations = new InvocationServiceImpl(core.database, core.quotas,
            TestConfigs.config(InvocationServiceImpl.Config.class, "maxExportRecords", 3), Clock.fixed(NOW, ZoneOffset.UTC));
    private FunctionInfo f;
    private FunctionInfo g;

    @AfterEach
    void close() {
        invocations.close();
        core.close();
    }

    @BeforeEach
    void records() {
        f = core.functions.create("acme", CoreFixture.spec("f", null));
        g = core.functions.create("acme", CoreFixture.spec("g", null));
        FunctionInfo other = core.functions.create("other", CoreFixture.spec("f", null));
        store("ok-event", f, 1, Trigger.EVENT, NOW.minusSeconds(10), Outcome.OK, null, List.of(line(LogLevel.INFO, "order 100% placed")));
        store("error-manual", f, 2, Trigger.EXTERNAL, NOW.minusSeconds(20), Outcome.ERROR, "Cart \"abc\" is empty",
                List.of(line(LogLevel.WARN, "cart_abc looked up")));
        store("timeout-schedule", f, 2, Trigger.SCHEDULE, NOW.minusSeconds(3_600), Outcome.TIMEOUT, "too slow",
                List.of(line(LogLevel.ERROR, "gave up")));
        store("ok-g", g, 1, Trigger.EVENT, NOW.minusSeconds(30), Outcome.OK, null, List.of(line(LogLevel.DEBUG, "x")));
        store("other-account", other, 1, Trigger.EVENT, NOW.minusSeconds(5), Outcome.OK, null, List.of());
    }

    private static LogLine line(LogLevel level, String message) {
        return new LogLine(NOW, level, message);
    }

    private void store(String name, FunctionInfo function, int version, Trigger trigger, Instant at, Outcome outcome, String error,
            List<LogLine> logs) {
        invocations.recordDurably(new InvocationRecord(TimeOrderedIds.lowestAt(at) + "-" + name, function.account(), function.id(), version,
                null, null, trigger, at, 5, outcome, outcome == Outcome.OK ? "{\"placed\":true}" : null,
                error == null ? null : new ExecutionError("com.switchboard.function.failed", error), logs));
    }

    private List<String> names(String functionId, InvocationFilter filter) {
        return names(invocations.search("acme", functionId, filter, 0, 50));
    }

    private static List<String> names(Page<InvocationRecord> page) {
        return page.items().stream().map(InvocationSearchTest::name).toList();
    }

    /** The name at the end of the id, after the 36 characters of the time-ordered id and a dash. */
    private static String name(InvocationRecord r) {
        return r.id().substring(37);
    }

    private static InvocationFilter filter(Set<Outcome> outcomes, Set<Trigger> triggers, Integer version, LogLevel level, String text) {
        return new InvocationFilter(outcomes, triggers, version, null, null, level, text);
    }

    @Test
    void withoutFiltersTheFunctionsOrTheAccountsRecordsAreAnsweredNewestFirst() {
        assertThat(names(f.id(), InvocationFilter.ALL)).containsExactly("ok-event", "error-manual", "timeout-schedule");
        assertThat(names(null, InvocationFilter.ALL)).containsExactly("ok-event", "error-manual", "ok-g", "timeout-schedule");
    }

    @Test
    void outcomeTriggerAndVersionFilterTheRecords() {
        assertThat(names(f.id(), filter(Set.of(Outcome.ERROR, Outcome.TIMEOUT), null, null, null, null)))
                .containsExactly("error-manual", "timeout-schedule");
        assertThat(names(null, filter(null, Set.of(Trigger.EVENT), null, null, null))).containsExactly("ok-event", "ok-g");
        assertThat(names(f.id(), filter(null, null, 2, null, null))).containsExactly("error-manual", "timeout-schedule");
        assertThat(names(f.id(), filter(Set.of(Outcome.REJECTED), null, null, null, null))).isEmpty();
    }

    @Test
    void aTimeRangeIncludesItsStartAndExcludesItsEnd() {
        InvocationFilter range = new InvocationFilter(null, null, null, NOW.minusSeconds(30), NOW.minusSeconds(10), null, null);
        assertThat(names(null, range)).containsExactly("error-manual", "ok-g");
        assertThatThrownBy(() -> new InvocationFilter(null, null, null, NOW, NOW, null, null)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("time range");
    }

    @Test
    void aLevelFindsRecordsWithALineAtThatLevelOrAbove() {
        assertThat(names(null, filter(null, null, null, LogLevel.WARN, null))).containsExactly("error-manual", "timeout-schedule");
        assertThat(names(null, filter(null, null, null, LogLevel.ERROR, null))).containsExactly("timeout-schedule");
    }

    @Test
    void textMatchesLogLinesErrorsAndResultsCaseInsensitivelyWithWildcardsTakenLiterally() {
        assertThat(names(null, filter(null, null, null, null, "ORDER 100%"))).containsExactly("ok-event");
        assertThat(names(null, filter(null, null, null, null, "100_"))).isEmpty();
        assertThat(names(null, filter(null, null, null, null, "cart_abc"))).containsExactly("error-manual");
        assertThat(names(null, filter(null, null, null, null, "cart \"abc\""))).containsExactly("error-manual");
        assertThat(names(null, filter(null, null, null, null, "placed\":true"))).containsExactly("ok-event", "ok-g");
    }

    @Test
    void searchesArePagedWithTheFilteredTotal() {
        Page<InvocationRecord> page = invocations.search("acme", null, filter(Set.of(Outcome.OK), null, null, null, null), 1, 1);
        assertThat(names(page)).containsExactly("ok-g");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void anExportHandsOverMatchingRecordsOneByOneUpToTheLimit() {
        List<String> seen = new ArrayList<>();
        long handed = invocations.export("acme", null, InvocationFilter.ALL, r -> seen.add(name(r)));
        assertThat(handed).isEqualTo(3);
        assertThat(seen).containsExactly("ok-event", "error-manual", "ok-g");
        assertThat(invocations.exportLimit()).isEqualTo(3);
    }

    @Test
    void aSearchOfAFunctionTheAccountDoesNotHaveIsNotFound() {
        assertThatThrownBy(() -> invocations.search("other", f.id(), InvocationFilter.ALL, 0, 10)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> invocations.export("other", f.id(), InvocationFilter.ALL, r -> { })).isInstanceOf(NotFoundException.class);
    }
}
