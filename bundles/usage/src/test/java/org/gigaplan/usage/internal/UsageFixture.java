package org.gigaplan.usage.internal;

import java.lang.annotation.Annotation;

import javax.sql.DataSource;

import org.gigaplan.plan.csv.CsvTable;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.platform.internal.ModuleEnablementImpl;
import org.gigaplan.platform.internal.PlanServiceImpl;
import org.gigaplan.platform.internal.SchoolServiceImpl;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.TestClocks;
import org.gigaplan.platform.internal.store.TestDatabases;

/**
 * The usage service over the platform's real services on a test database, emptied first: the sample
 * directory plus four test schools (two elementary, one junior high, one high school).
 */
final class UsageFixture {

    static final String TABLES[] = { "usage_event_slot", "usage_event", "usage_class_year", "usage_week", "usage_class",
            "usage_measure_update", "usage_measure", "usage_adoption", "usage_case_scene", "usage_case" };

    final PlatformDatabase db;
    final SchoolServiceImpl schools;
    final ModuleEnablementImpl enablement;
    final UsageService usage;

    /** The real date in the default zone: these tests compare with today as it is. */
    static final PlanClock CLOCK = TestClocks.real();

    UsageFixture(DataSource ds) {
        this(ds, config(3, 50));
    }

    UsageFixture(DataSource ds, UsageConfig config) {
        PlatformDatabase first = new PlatformDatabase(ds);
        new UsageService(first, new PlanServiceImpl(first, UsageFixture.CLOCK), new SchoolServiceImpl(first), new ModuleEnablementImpl(first),
                CLOCK, config);
        TestDatabases.clear(ds, TABLES);
        TestDatabases.clear(ds);
        db = new PlatformDatabase(ds);
        schools = new SchoolServiceImpl(db);
        schools.importCsv(CsvTable.parse("""
                id,name_ja,name_en,type,enrollment,classes
                T-E1,テスト小学校1,Test Elementary 1,ELEMENTARY,300,4
                T-E2,テスト小学校2,Test Elementary 2,ELEMENTARY,200,2
                T-J1,テスト中学校,Test Junior High,JUNIOR_HIGH,400,3
                T-H1,テスト高等学校,Test High School,HIGH,600,6
                """), false);
        enablement = new ModuleEnablementImpl(db);
        usage = new UsageService(db, new PlanServiceImpl(db, UsageFixture.CLOCK), schools, enablement, CLOCK, config);
    }

    static UsageConfig config(int timesPerWeek, int schoolClassShare) {
        return new UsageConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UsageConfig.class;
            }

            @Override
            public int timesPerWeek() {
                return timesPerWeek;
            }

            @Override
            public int schoolClassShare() {
                return schoolClassShare;
            }

            @Override
            public String[] termStarts() {
                return new String[] { "04-01", "10-01" };
            }

            @Override
            public int slotMinutes() {
                return 60;
            }
        };
    }
}
