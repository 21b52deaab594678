package io.switchboard.core.internal.db;

import java.nio.file.Path;
import java.time.Duration;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The core's database: a connection pool over the OSGi JDBC service's data source, migrated on activation.
 * Embedded H2 in file mode under the data folder unless a URL is configured (e.g. PostgreSQL).
 */
// Also the "database-maintenance" health check: a Supplier of problems (a dead maintenance worker).
@Component(service = {Database.class, Supplier.class}, configurationPid = JdbcDatabase.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = "switchboard.health.check=database-maintenance")
@Designate(ocd = JdbcDatabase.Config.class)
public class JdbcDatabase implements Database, Supplier<List<String>> {

    public static final String PID = "io.switchboard.core.db";
    /** Default page cache of the embedded database, in KiB. */
    public static final int DEFAULT_EMBEDDED_CACHE_KIB = 2048;

    /** Connection settings of the core's database. */
    @ObjectClassDefinition(name = "Switchboard database", description = "Where the core stores functions, versions, secrets and records.")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL; empty means embedded H2 in file mode under <switchboard.data>/db")
        String url() default "";

        @AttributeDefinition(description = "Database user")
        String user() default "sa";

        @AttributeDefinition(type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD, description = "Database password")
        String password() default "";

        @AttributeDefinition(description = "Filter selecting the JDBC driver's DataSourceFactory service, "
                + "e.g. (osgi.jdbc.driver.class=org.postgresql.Driver)")
        String dataSourceFactory_target() default "(osgi.jdbc.driver.class=org.h2.Driver)";

        @AttributeDefinition(description = "Maximum number of pooled connections", min = "1", max = "1000")
        int poolSize() default 10;

        @AttributeDefinition(description = "Page cache of the embedded H2 database in KiB (ignored when url is set). "
                + "Small on purpose: every page the cache holds lives on the Java heap, and the pages of freshly written "
                + "invocation records are what each young collection has to copy (16 MiB, H2's default, made the pauses "
                + "about twice as long); the operating system caches the file anyway", min = "64")
        int embeddedCacheKiB() default DEFAULT_EMBEDDED_CACHE_KIB;

        @AttributeDefinition(description = "How often the embedded H2 store is compacted, in milliseconds (ignored when url "
                + "is set); 0 turns it off. Every commit is written as it happens (WRITE_DELAY=0), which leaves H2 without "
                + "the background thread that would otherwise compact: without this the file grows several times faster "
                + "than the data and the heap keeps a little for every commit", min = "0")
        long embeddedCompactIntervalMillis() default 1000;

        @AttributeDefinition(description = "Compaction rewrites chunks while the share of live data in the store's chunks "
                + "is below this percentage (1-100)", min = "0", max = "100")
        int embeddedCompactFillRate() default 80;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDatabase.class);

    private final HikariDataSource pool;
    private final PooledDatabase database;
    private final H2Maintenance maintenance;

    @Activate
    public JdbcDatabase(@Reference(name = "dataSourceFactory") DataSourceFactory dataSourceFactory, Config config, BundleContext context) {
        this(dataSourceFactory, config, DataFolder.of(context), MigrationScripts.of(context.getBundle()));
    }

    /** Outside a framework (tests, tools): the migration scripts come from the class path. */
    public JdbcDatabase(DataSourceFactory dataSourceFactory, Config config, Path dataFolder) {
        this(dataSourceFactory, config, dataFolder, MigrationScripts.onClassPath());
    }

    public JdbcDatabase(DataSourceFactory dataSourceFactory, Config config, Path dataFolder, MigrationScripts scripts) {
        boolean embedded = config.url().isBlank();
        String url = embedded ? embeddedUrl(dataFolder, config.embeddedCacheKiB()) : config.url();
        this.pool = new HikariDataSource(poolConfig(createDataSource(dataSourceFactory, config, url), config));
        this.database = new PooledDatabase(pool);
        try {
            Migrations.migrate(pool, scripts);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        this.maintenance = embedded && config.embeddedCompactIntervalMillis() > 0
                ? H2Maintenance.start(pool, Duration.ofMillis(config.embeddedCompactIntervalMillis()),
                        Math.max(1, Math.min(100, config.embeddedCompactFillRate())))
                : null;
        LOG.info("Database ready at {}", url);
    }

    /**
     * H2 file database; WRITE_DELAY=0 so every commit reaches the file and survives a kill -9, DB_CLOSE_ON_EXIT=FALSE
     * so H2's own shutdown hook does not close it under components that are still stopping (the pool closes it),
     * CACHE_SIZE as configured (at least 256 KiB).
     */
    static String embeddedUrl(Path dataFolder, int cacheKiB) {
        return "jdbc:h2:file:" + dataFolder.resolve("db").resolve("switchboard").toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=" + Math.max(256, cacheKiB);
    }

    private static DataSource createDataSource(DataSourceFactory factory, Config config, String url) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        properties.setProperty(DataSourceFactory.JDBC_USER, config.user());
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config.password());
        try {
            return factory.createDataSource(properties);
        } catch (SQLException e) {
            throw new DataAccessException("Cannot create a data source for " + url + " (check " + PID + " url/user/password)", e);
        }
    }

    private static HikariConfig poolConfig(DataSource dataSource, Config config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName("switchboard-core");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        return hikari;
    }

    @Deactivate
    public void close() {
        if (maintenance != null) {
            maintenance.close();
        }
        pool.close();
    }

    /** The health check: the embedded database's maintenance worker must live while the database is open. */
    @Override
    public List<String> get() {
        return maintenance == null ? List.of() : maintenance.problems();
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public <T> T inTransaction(String what, SqlWork<T> work) {
        return database.inTransaction(what, work);
    }

    @Override
    public <T> T withConnection(String what, SqlWork<T> work) {
        return database.withConnection(what, work);
    }
}
