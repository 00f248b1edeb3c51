package org.gigaplan.platform.internal.store;

import javax.sql.DataSource;

import org.gigaplan.plan.service.Database;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The platform's tables on the configured DataSource, migrated to the current schema before anything uses
 * them. The DataSource is chosen by {@code dataSource.target} (default: the one named {@code gigaplan}), so
 * switching Derby for PostgreSQL is a matter of configuration. Modules get the same DataSource, with their
 * own migrations and transactions, as the {@link Database} service.
 */
@Component(service = { PlatformDatabase.class, Database.class }, configurationPid = "org.gigaplan.platform.database")
public class PlatformDatabase implements Database {

    public static final String CHANGELOG = "db/platform/changelog.xml";

    private final Sql sql;
    private final PlanStore plans;
    private final SchoolStore schools;
    private final DemoRunStore demoRuns;
    private final ApiKeyStore apiKeys;
    private final AuditStore audit;
    private final ModuleSchoolStore moduleSchools;

    @Activate
    public PlatformDatabase(@Reference(name = "dataSource", target = "(dataSourceName=gigaplan)") DataSource dataSource) {
        Migrations.apply(dataSource, CHANGELOG, PlatformDatabase.class.getClassLoader());
        this.sql = new Sql(dataSource);
        this.plans = new PlanStore(sql);
        this.schools = new SchoolStore(sql);
        this.demoRuns = new DemoRunStore(sql);
        this.apiKeys = new ApiKeyStore(sql);
        this.audit = new AuditStore(sql);
        this.moduleSchools = new ModuleSchoolStore(sql);
    }

    @Override
    public void migrate(String changelog, ClassLoader owner) {
        sql.migrate(changelog, owner);
    }

    @Override
    public <T> T transaction(Work<T> work) {
        return sql.transaction(work);
    }

    /** Starts an /api write on this thread: see {@link Sql#beginWrite()}. */
    public Sql.Write beginWrite() {
        return sql.beginWrite();
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
