package io.switchboard.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.core.internal.testing.TestConfigs;

class JdbcDatabaseTest {

    @TempDir
    Path data;

    private static String cacheSize(JdbcDatabase database) {
        return database.withConnection("read the cache size", c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'CACHE_SIZE'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void theEmbeddedDatabaseRunsWithTheConfiguredPageCache() {
        JdbcDatabase byDefault = new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()),
                TestConfigs.config(JdbcDatabase.Config.class), data.resolve("default"));
        JdbcDatabase configured = new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()),
                TestConfigs.config(JdbcDatabase.Config.class, "embeddedCacheKiB", 8192), data.resolve("configured"));
        try {
            assertThat(cacheSize(byDefault)).isEqualTo(String.valueOf(JdbcDatabase.DEFAULT_EMBEDDED_CACHE_KIB));
            assertThat(cacheSize(configured)).isEqualTo("8192");
        } finally {
            byDefault.close();
            configured.close();
        }
    }

    @Test
    void theEmbeddedUrlKeepsEveryCommitDurableAndBoundsTheCache() {
        String url = JdbcDatabase.embeddedUrl(data, 10);

        assertThat(url).startsWith("jdbc:h2:file:" + data.resolve("db").resolve("switchboard").toAbsolutePath())
                .contains(";WRITE_DELAY=0;").endsWith(";CACHE_SIZE=256");
    }
}
