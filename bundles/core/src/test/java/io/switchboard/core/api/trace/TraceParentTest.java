package io.switchboard.core.api.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.core.api.dispatch.Header;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidHeaderIsParsedIntoItsFields() {
        TraceParent parsed = TraceParent.parse(VALID).orElseThrow();
        assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parsed.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parsed.flags()).isEqualTo("01");
        assertThat(parsed.header()).isEqualTo(VALID);
    }

    @Test
    void malformedHeadersAreIgnoredAsTheRecommendationAsks() {
        assertThat(TraceParent.parse(null)).isEmpty();
        assertThat(TraceParent.parse("")).isEmpty();
        assertThat(TraceParent.parse("garbage")).isEmpty();
        assertThat(TraceParent.parse(VALID.toUpperCase())).as("upper-case hex").isEmpty();
        assertThat(TraceParent.parse("ff" + VALID.substring(2))).as("version ff").isEmpty();
        assertThat(TraceParent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).as("zero trace id").isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero span id").isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01")).as("short trace id").isEmpty();
        assertThat(TraceParent.parse(VALID + "-extra")).as("version 00 has four fields").isEmpty();
        assertThat(TraceParent.parse(VALID.replace('-', '_'))).as("separators").isEmpty();
        assertThat(TraceParent.parse("0g" + VALID.substring(2))).as("version not hex").isEmpty();
        assertThat(TraceParent.parse(VALID.substring(0, 53) + "0x")).as("flags not hex").isEmpty();
        assertThat(TraceParent.parse("01" + VALID.substring(2) + "x")).as("a later version's fields follow a dash").isEmpty();
        assertThat(TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-701")).as("misplaced dash").isEmpty();
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(TraceParent.parse("  " + VALID + "\t").orElseThrow().header()).isEqualTo(VALID);
    }

    @Test
    void aLaterVersionIsReadForTheFieldsItShares() {
        assertThat(TraceParent.parse("01" + VALID.substring(2) + "-more").orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.parse("01" + VALID.substring(2))).as("a later version without more fields").isPresent();
    }

    @Test
    void aChildKeepsTheTraceWithANewSpan() {
        TraceParent parent = TraceParent.parse(VALID).orElseThrow();
        TraceParent child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).matches("[0-9a-f]{16}");
        assertThat(child.flags()).isEqualTo("01");
    }

    @Test
    void headersContinueTheirTraceOrStartANewOne() {
        TraceParent continued = TraceParent.continued(List.of(new Header("Content-Type", "x"), new Header("TraceParent", VALID)));
        assertThat(continued.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(continued.spanId()).isNotEqualTo("00f067aa0ba902b7");

        TraceParent fresh = TraceParent.continued(List.of(new Header("traceparent", "not-a-trace")));
        assertThat(fresh.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.continued(List.of()).traceId()).isNotEqualTo(fresh.traceId());
    }

    @Test
    void newTracesHaveWellFormedIdsThatDoNotRepeat() {
        Set<String> traces = new HashSet<>();
        Set<String> spans = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            TraceParent trace = TraceParent.newTrace();
            assertThat(trace.traceId()).matches("[0-9a-f]{32}");
            assertThat(trace.spanId()).matches("[0-9a-f]{16}");
            traces.add(trace.traceId());
            spans.add(trace.spanId());
        }
        assertThat(traces).hasSize(10_000);
        assertThat(spans).hasSize(10_000);
    }

    @Test
    void idsThatAreNotLowerCaseHexOfTheirLengthAreRefused() {
        assertThatThrownBy(() -> new TraceParent("4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7", "01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b", "01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902bg", "01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceParent("00000000000000000000000000000000", "00f067aa0ba902b7", "01"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
