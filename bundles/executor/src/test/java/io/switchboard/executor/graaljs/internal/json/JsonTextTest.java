package io.switchboard.executor.graaljs.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void parsesNestedValues() {
        Object parsed = JsonText.parse(" [{\"a\": [1, 2.5e1, true, false, null], \"b\\\"c\": \"x\\u00e9\\n\"}, \"\"] ");

        Map<String, Object> first = new LinkedHashMap<>();
        first.put("a", java.util.Arrays.asList(1.0, 25.0, true, false, null));
        first.put("b\"c", "x\u00e9\n");
        assertThat(parsed).isEqualTo(List.of(first, ""));
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> JsonText.parse("[1,")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position");
        assertThatThrownBy(() -> JsonText.parse("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesStringsThatJavaScriptReadsBack() {
        assertThat(JsonText.quote("a\"b\\c\n\u0001\u2028")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\\u2028\"");
        assertThat(JsonText.object(Map.of("k", "v"))).isEqualTo("{\"k\":\"v\"}");
        assertThat(JsonText.parse(JsonText.quote("a\"b\\c\n\u0001"))).isEqualTo("a\"b\\c\n\u0001");
    }
}
