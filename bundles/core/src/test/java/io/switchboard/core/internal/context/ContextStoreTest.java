package io.switchboard.core.internal.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.core.internal.db.JdbcDatabase;
import io.switchboard.core.internal.testing.TestConfigs;
import io.switchboard.core.internal.testing.TestDatabase;
import io.switchboard.core.internal.testing.DatabaseTest;

@DatabaseTest
class ContextStoreTest {

    private final JdbcDatabase database = TestDatabase.inMemory();
    private final JdbcContextStore store = new JdbcContextStore(database,
            TestConfigs.config(JdbcContextStore.Config.class, "maxValueBytes", 20, "maxKeysPerNamespace", 2));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void storesReplacesAndDeletesJsonValues() {
        store.put("acme", "conv-1", "step", "1");
        store.put("acme", "conv-1", "step", "{\"n\":2}");
        store.put("acme", "conv-1", "name", "\"Ann\"");

        assertThat(store.get("acme", "conv-1", "step")).contains("{\"n\":2}");
        assertThat(store.getAll("acme", "conv-1")).isEqualTo(Map.of("name", "\"Ann\"", "step", "{\"n\":2}"));
        assertThat(store.delete("acme", "conv-1", "step")).isTrue();
        assertThat(store.delete("acme", "conv-1", "step")).isFalse();
    }

    @Test
    void namespacesAreIsolatedPerAccount() {
        store.put("acme", "conv-1", "step", "1");

        assertThat(store.get("globex", "conv-1", "step")).isEmpty();
        assertThat(store.getAll("globex", "conv-1")).isEmpty();
    }

    @Test
    void valuesAndKeyCountsAreBounded() {
        store.put("acme", "ns", "a", "1");
        store.put("acme", "ns", "b", "2");

        assertThatThrownBy(() -> store.put("acme", "ns", "c", "3")).hasMessageContaining("limit");
        assertThatThrownBy(() -> store.put("acme", "ns", "a", "\"" + "x".repeat(30) + "\"")).hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> store.put("acme", "ns", "a", "{oops")).hasMessageContaining("not JSON");
        store.put("acme", "ns", "a", "3");
        assertThat(store.get("acme", "ns", "a")).contains("3");
    }

    @Test
    void changedCapsApplyToTheNextWriteWithoutARestart() {
        store.put("acme", "ns", "a", "1");
        store.put("acme", "ns", "b", "2");

        store.modified(TestConfigs.config(JdbcContextStore.Config.class, "maxValueBytes", 40, "maxKeysPerNamespace", 3));

        store.put("acme", "ns", "c", "\"" + "x".repeat(30) + "\"");
        assertThat(store.get("acme", "ns", "c")).contains("\"" + "x".repeat(30) + "\"");
        assertThatThrownBy(() -> store.put("acme", "ns", "d", "4")).hasMessageContaining("limit");
    }
}
