package io.switchboard.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2MaintenanceTest {

    @TempDir
    Path data;

    private static long info(Connection c, String name) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info." + name + "'")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    @Test
    void compactionRewritesSparseChunksThatCommitsOneByOneLeaveBehind() throws Exception {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(JdbcDatabase.embeddedUrl(data, 2048));
        source.setUser("sa");
        try (Connection c = source.getConnection()) {
            try (Statement s = c.createStatement()) {
                // Chunks are only compacted once older than the retention time (45 s by default).
                s.execute("SET RETENTION_TIME 0");
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
            }
            c.setAutoCommit(false);
            // As the record writer does: rows appended in many small commits, each written as a chunk of its own that
            // repeats the table's last pages, which the next commit supersedes: older chunks stay mostly dead.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int commit = 0; commit < 400; commit++) {
                    for (int row = 0; row < 50; row++) {
                        insert.setInt(1, commit * 50 + row);
                        insert.setString(2, "commit " + commit + " row " + row + " ".repeat(100));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    c.commit();
                }
            }
            long chunksBefore = info(c, "CHUNK_COUNT");
            long fillBefore = info(c, "CHUNKS_FILL_RATE");

            try (H2Maintenance maintenance = H2Maintenance.start(source, Duration.ofHours(1), 80)) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, 'after')")) {
                    // The platform keeps committing meanwhile; freeing the emptied chunks happens as it does.
                    for (int run = 0; run < 200 && maintenance.run(); run++) {
                        insert.setInt(1, 1_000_000 + run);
                        insert.executeUpdate();
                        c.commit();
                    }
                }
            }

            assertThat(fillBefore).isLessThan(50);
            assertThat(info(c, "CHUNKS_FILL_RATE")).isGreaterThan(fillBefore);
            assertThat(info(c, "CHUNK_COUNT")).isLessThan(chunksBefore / 2);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*), (SELECT v FROM t WHERE id = 0) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThan(400 * 50);
                assertThat(rs.getString(2)).startsWith("commit 0 row 0 ");
            }
        }
    }

    @Test
    void anInMemoryDatabaseHasNoStoreToCompact() throws Exception {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:maintenance");
        try (Connection c = source.getConnection();
             H2Maintenance maintenance = H2Maintenance.start(source, Duration.ofHours(1), 80)) {
            assertThat(H2Maintenance.store(c) == null || !maintenance.run()).isTrue();
        }
    }
}
