package org.gigaplan.usage.internal;

import static org.gigaplan.testkit.FakeSchools.school;

import java.lang.annotation.Annotation;

import javax.sql.DataSource;

import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;

/**
 * The usage service on a test database, emptied first, with the module test kit's fakes of the platform: the
 * sample directory plus four test schools (two elementary, one junior high, one high school).
 */
final class UsageFixture {

    static final String TABLES[] = { "usage_event_slot", "usage_event", "usage_class_period", "usage_school_period", "usage_school_week", "usage_week", "usage_class",
            "usage_class_list",
            "usage_measure_update", "usage_measure", "usage_adoption", "usage_case_scene", "usage_case" };

    final TestDatabase db;
    final FakeSchools schools;
    final FakeEnablement enablement;
    final UsageService usage;
    final WeeklyUseService weeklyUse;
    final AttainmentService attainments;
    final ReportingService reporting;
    final MeasureService ownMeasures;
    final CaseService lessonCases;

    /** The real date in the default zone: these tests compare with today as it is. */
    static final PlanClock CLOCK = TestClocks.real();

    UsageFixture(DataSource ds) {
        this(ds, config(3, 50));
    }

    UsageFixture(DataSource ds, UsageConfig config) {
        this(ds, config, CLOCK);
    }

    /** On another clock: a trial set to another day, as the platform's clock setting gives it. */
    UsageFixture(DataSource ds, UsageConfig config, PlanClock clock) {
        db = TestDatabase.on(ds);
        // The first service migrates the tables; the test's starts on them emptied.
        new UsageService(db, FakePlans.shipped(), new FakeSchools(), new FakeEnablement(), clock, config);
        db.clear(TABLES);
        schools = FakeSchools.sample().add(
                school("T-E1", "テスト小学校1", "Test Elementary 1", SchoolType.ELEMENTARY, 300, 4),
                school("T-E2", "テスト小学校2", "Test Elementary 2", SchoolType.ELEMENTARY, 200, 2),
                school("T-J1", "テスト中学校", "Test Junior High", SchoolType.JUNIOR_HIGH, 400, 3),
                school("T-H1", "テスト高等学校", "Test High School", SchoolType.HIGH, 600, 6));
        enablement = new FakeEnablement();
        usage = new UsageService(db, FakePlans.shipped(), schools, enablement, clock, config);
        weeklyUse = new WeeklyUseService(usage);
        attainments = new AttainmentService(usage, enablement);
        reporting = new ReportingService(usage, schools, enablement);
        ownMeasures = new MeasureService(usage);
        lessonCases = new CaseService(usage);
    }

    static UsageConfig config(int timesPerWeek, int schoolClassShare) {
        return config(timesPerWeek, schoolClassShare, "04-01", "10-01");
    }

    static UsageConfig config(int timesPerWeek, int schoolClassShare, String... termStarts) {
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
                return termStarts.clone();
            }

            @Override
            public int slotMinutes() {
                return 60;
            }

            @Override
            public String reminderSchedule() {
                return "weekly MON 08:00";
            }
        };
    }
}
