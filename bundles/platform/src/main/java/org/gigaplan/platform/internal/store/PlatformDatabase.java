package org.gigaplan.platform.internal.store;

import java.util.Map;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The platform's tables on the configured DataSource, migrated to the current schema before anything uses
 * them. The DataSource is chosen by {@code dataSource.target} (default: the one named {@code gigaplan}), so
 * switching Derby for PostgreSQL is a matter of configuration. Modules get the same DataSource, with their
 * own migrations and transactions, as the {@link Database} service.
 */
@Component(service = { PlatformDatabase.class, Database.class }, configurationPid = DatabaseConfig.PID)
@Designate(ocd = DatabaseConfig.class)
public class PlatformDatabase implements Database {

    public static final String CHANGELOG = "db/platform/changelog.xml";

    private static final String DEFAULT_TARGET = "(dataSourceName=gigaplan)";

    private final Sql sql;
    private final String dataSourceFilter;
    private final PlanStore plans;
    private final SchoolStore schools;
    private final DemoRunStore demoRuns;
    private final ApiKeyStore apiKeys;
    private final AuditStore audit;
    private final ModuleSchoolStore moduleSchools;

    @Activate
    public PlatformDatabase(@Reference(name = "dataSource", target = DEFAULT_TARGET) DataSource dataSource,
            DatabaseConfig config, Map<String, Object> properties) {
        this(new Sql(dataSource, config.concurrentWrites(), config.writeTurnTimeoutMillis()),
                String.valueOf(properties.getOrDefault("dataSource.target", DEFAULT_TARGET)));
    }

    /** On a DataSource with no limit on concurrent writes (tests and tools). */
    public PlatformDatabase(DataSource dataSource) {
        this(new Sql(dataSource), DEFAULT_TARGET);
    }

    private PlatformDatabase(Sql sql, String dataSourceFilter) {
        Migrations.apply(sql.dataSource(), CHANGELOG, PlatformDatabase.class.getClassLoader());
        this.sql = sql;
        this.dataSourceFilter = dataSourceFilter;
        this.plans = new PlanStore(sql);
        this.schools = new SchoolStore(sql);
        this.demoRuns = new DemoRunStore(sql);
        this.apiKeys = new ApiKeyStore(sql);
        this.audit = new AuditStore(sql);
        this.moduleSchools = new ModuleSchoolStore(sql);
    }

    /** The service filter that picked this DataSource, e.g. {@code (dataSourceName=gigaplan)}. */
    public String dataSourceFilter() {
        return dataSourceFilter;
    }

    @Override
    public void migrate(String changelog, ClassLoader owner) {
        sql.migrate(changelog, owner);
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return sql.transaction(work);
    }

    @Override
    public void afterCommit(Runnable task) {
        sql.afterCommit(task);
    }

    /** Starts an /api write on this thread: see {@link Sql#beginWrite()}. */
    public Sql.Write beginWrite() {
        return sql.beginWrite();
    }

    /** Liquibase's migration lock as it stands. */
    public Migrations.Lock migrationLock() {
        return Migrations.lock(sql.dataSource());
    }

    /** Releases a migration lock set more than {@code olderThan} ago (see {@link Migrations#releaseStaleLock}). */
    public java.util.Map.Entry<Migrations.Lock, Boolean> releaseStaleMigrationLock(java.time.Duration olderThan) {
        return Migrations.releaseStaleLock(sql.dataSource(), olderThan);
    }

    /**
     * Copies the embedded Derby database, while it runs, into a new folder under {@code folder} named by the time
     * ({@code SYSCS_UTIL.SYSCS_BACKUP_DATABASE}: a consistent copy; writes wait while it is taken).
     *
     * @return the copy's database folder, e.g. {@code …/backup/20261130-210500/gigaplan}
     * @throws IllegalStateException on any other database than Derby: back those up with their own tools
     */
    public java.nio.file.Path backupTo(java.nio.file.Path folder) {
        java.nio.file.Path into = folder.toAbsolutePath().resolve(java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return sql.transaction(c -> {
            String product = c.getMetaData().getDatabaseProductName();
            if (!product.contains("Derby")) {
                throw new IllegalStateException("the database is " + product + ", not the embedded Derby: back it "
                        + "up with its own tools (PostgreSQL: pg_dump, see the README)");
            }
            try (java.sql.CallableStatement call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                call.setString(1, into.toString());
                call.execute();
            }
            try (java.util.stream.Stream<java.nio.file.Path> made = java.nio.file.Files.list(into)) {
                return made.filter(java.nio.file.Files::isDirectory).findFirst().orElse(into);
            } catch (java.io.IOException e) {
                return into;
            }
        });
    }

    /** Whether the database answers now. */
    public boolean ping() {
        try {
            return sql.transaction(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    public PlanStore plans() {
        return plans;
    }

    public SchoolStore schools() {
        return schools;
    }

    public DemoRunStore demoRuns() {
        return demoRuns;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    public AuditStore audit() {
        return audit;
    }

    public ModuleSchoolStore moduleSchools() {
        return moduleSchools;
    }
}
