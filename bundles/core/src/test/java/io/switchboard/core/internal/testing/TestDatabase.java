package io.switchboard.core.internal.testing;

import java.nio.file.Path;
import java.util.UUID;

import org.h2.util.OsgiDataSourceFactory;

import io.switchboard.core.internal.db.JdbcDatabase;

/** The real {@link JdbcDatabase} over H2, through H2's own OSGi DataSourceFactory. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A fresh in-memory database. */
    public static JdbcDatabase inMemory() {
        return new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()),
                TestConfigs.config(JdbcDatabase.Config.class, "url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                Path.of("unused"));
    }

    /** The default embedded file database under the data folder (what survives restarts). */
    public static JdbcDatabase inDataFolder(Path dataFolder) {
        return new JdbcDatabase(new OsgiDataSourceFactory(new org.h2.Driver()), TestConfigs.config(JdbcDatabase.Config.class), dataFolder);
    }
}
