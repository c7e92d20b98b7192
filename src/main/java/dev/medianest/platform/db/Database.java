package dev.medianest.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.medianest.platform.config.Settings;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The relational store. SQLite (default) gets one writer connection and a small pool of readers
 * in WAL mode, so writes never contend with each other and reads never wait for a write;
 * PostgreSQL gets one pool for both. Schema changes run through Flyway from the vendor's folder
 * ({@code db/migration/sqlite} or {@code db/migration/postgresql}).
 */
public final class Database implements AutoCloseable {

    private final Vendor vendor;
    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final AtomicBoolean migrated = new AtomicBoolean();

    /** The database products MediaNest runs on. */
    public enum Vendor {
        SQLITE("sqlite"), POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    private Database(Vendor vendor, HikariDataSource writerPool, HikariDataSource readerPool) {
        this.vendor = vendor;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.writer = Jdbi.create(writerPool);
        this.reader = readerPool == writerPool ? writer : Jdbi.create(readerPool);
    }

    /** Opens the database the settings name: PostgreSQL for a jdbc:postgresql url, else SQLite. */
    public static Database open(Settings.Database settings, Path dataDir) {
        if (settings.isPostgres()) {
            return openPostgres(settings.url(), settings.username(), settings.password(), settings.maxPoolSize());
        }
        String url = settings.url().isEmpty() ? "jdbc:sqlite:" + dataDir.resolve("medianest.db") : settings.url();
        return openSqlite(url, settings.maxPoolSize());
    }

    public static Database openSqlite(String url, int readers) {
        HikariConfig writerConfig = sqlitePool(url, false, 1, "sqlite-writer");
        HikariConfig readerConfig = sqlitePool(url, true, readers, "sqlite-reader");
        HikariDataSource writer = new HikariDataSource(writerConfig);
        try {
            return new Database(Vendor.SQLITE, writer, new HikariDataSource(readerConfig));
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    public static Database openPostgres(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("postgresql");
        config.setInitializationFailTimeout(5_000);
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(Vendor.POSTGRESQL, pool, pool);
    }

    private static HikariConfig sqlitePool(String url, boolean readOnly, int size, String name) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        // Small page cache per connection: the Raspberry Pi budget counts every megabyte.
        sqlite.setCacheSize(-2_000);
        if (readOnly) {
            sqlite.setReadOnly(true);
        }
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName(name);
        config.setReadOnly(readOnly);
        config.setInitializationFailTimeout(5_000);
        return config;
    }

    /** Applies pending migrations of this vendor; afterwards {@link #isMigrated()} is true. */
    public void migrate() {
        Flyway.configure()
                .dataSource(writerPool)
                .locations("classpath:db/migration/" + vendor.folder())
                .loggers("slf4j")
                .load()
                .migrate();
        migrated.set(true);
    }

    public boolean isMigrated() {
        return migrated.get();
    }

    /** Whether a trivial query answers on the reading side within the pool's timeout. */
    public boolean ping() {
        try {
            return reader.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Runs a read-only unit of work. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return reader.withHandle(work);
    }

    /** Runs a unit of work that writes, in one transaction. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return writer.inTransaction(work);
    }

    /** Runs a unit of work that writes and returns nothing, in one transaction. */
    public void writeVoid(java.util.function.Consumer<Handle> work) {
        writer.useTransaction(work::accept);
    }

    @Override
    public void close() {
        if (readerPool != writerPool) {
            readerPool.close();
        }
        writerPool.close();
    }
}
