package io.switchboard.core.internal.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema with Flyway from the versioned scripts of this bundle ({@link MigrationScripts}), on
 * H2 and PostgreSQL alike (one set of scripts). Flyway records what it applied in {@value #HISTORY_TABLE}; it holds a
 * database lock while migrating, so instances starting together on one PostgreSQL migrate once.
 *
 * <p>Installations from before Flyway kept their history in {@value #LEGACY_TABLE} (version and script name per
 * applied script, a hand-kept list that once skipped V3 and V4). Such a database is baselined at the highest version
 * up to which every script was recorded, and Flyway applies the rest; V10 then drops the old table.
 */
public final class Migrations {

    static final String HISTORY_TABLE = "flyway_schema_history";
    static final String LEGACY_TABLE = "schema_version";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** Applies every script not applied yet. */
    public static void migrate(DataSource dataSource, MigrationScripts scripts) {
        int legacy = legacyVersion(dataSource);
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .resourceProvider(scripts)
                // No Java migrations: without a provider Flyway would scan the class path for them.
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true)
                // Version ranges are handed to branches developed side by side: a script numbered below one that an
                // installation already applied can arrive with a later merge, and is applied then.
                .outOfOrder(true)
                .baselineVersion(String.valueOf(Math.max(1, legacy)))
                .baselineDescription("history of " + LEGACY_TABLE)
                .load();
        if (legacy > 0 && !hasTable(dataSource, HISTORY_TABLE)) {
            flyway.baseline();
            LOG.info("Database migrations moved to Flyway: baselined at version {} from the table {}", legacy, LEGACY_TABLE);
        }
        MigrateResult result = flyway.migrate();
        result.migrations.forEach(m -> LOG.info("Applied database migration V{}__{}", m.version, m.description.replace(' ', '_')));
    }

    /**
     * The highest version up to which every script was recorded in the hand-kept history; 0 when there is none. The
     * script column names the file, so a gap (a script the old list skipped) ends the run of applied versions.
     */
    static int legacyVersion(DataSource dataSource) {
        if (!hasTable(dataSource, LEGACY_TABLE)) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT script FROM " + LEGACY_TABLE)) {
            Set<Integer> applied = new HashSet<>();
            while (rs.next()) {
                String script = rs.getString(1);
                applied.add(Integer.parseInt(script.substring(1, script.indexOf("__"))));
            }
            int version = 0;
            while (applied.contains(version + 1)) {
                version++;
            }
            return version;
        } catch (SQLException e) {
            throw new DataAccessException("read the table " + LEGACY_TABLE, e);
        }
    }

    private static boolean hasTable(DataSource dataSource, String table) {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
            for (String name : new String[] {table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getTables(null, c.getSchema(), name, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new DataAccessException("look for the table " + table, e);
        }
    }
}
