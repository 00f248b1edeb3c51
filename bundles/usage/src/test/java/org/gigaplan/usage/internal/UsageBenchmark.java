package org.gigaplan.usage.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: loads a fiscal year of synthetic policy-1 data through the service (validation, roll-up and all) and
 * prints ingest rates and the latency of the board's attainment views. Run with
 * {@code mvn -pl bundles/usage -Pbenchmark test} (after {@code mvn install}); sizes by
 * {@code -Dbench.schools} (200), {@code -Dbench.classes} (30), {@code -Dbench.weeks} (40), {@code -Dbench.events}
 * (1000000), engine by {@code -Dbench.db=derby|postgres}.
 */
@Tag("benchmark")
class UsageBenchmark {

    private static final FiscalYear FY = FiscalYear.of(2025);

    @Test
    void loadAFiscalYearAndQueryIt() {
        int schools = Integer.getInteger("bench.schools", 200);
        int classes = Integer.getInteger("bench.classes", 30);
        int weeks = Integer.getInteger("bench.weeks", 40);
        long events = Long.getLong("bench.events", 1_000_000L);
        String engine = System.getProperty("bench.db", "derby");
        DataSource ds = engine.equals("postgres") ? TestDatabase.postgres().dataSource() : derbyOnDisk();
        UsageFixture fixture = new UsageFixture(ds);
        FakeSchools directory = fixture.schools;
        for (int s = 0; s < schools; s++) {
            directory.add(FakeSchools.school(String.format(Locale.ROOT, "B-%03d", s), "ベンチ校" + s, "Bench " + s,
                    s % 3 == 2 ? SchoolType.JUNIOR_HIGH : SchoolType.ELEMENTARY, classes * 30, classes));
        }
        TestDatabase db = fixture.db;
        FakeEnablement enablement = new FakeEnablement();
        UsageService usage = new UsageService(db, FakePlans.shipped(), directory, enablement,
                UsageFixture.CLOCK, UsageFixture.config(3, 50));
        WeeklyUseService weeklyUse = new WeeklyUseService(usage);
        AttainmentService attainments = new AttainmentService(usage, enablement);
        ReportingService reporting = new ReportingService(usage, directory, enablement);

        System.out.printf(Locale.ROOT, "%nusage benchmark on %s: %d schools × %d classes × %d weeks, %,d events%n",
                engine, schools, classes, weeks, events);
        SplittableRandom random = new SplittableRandom(7);
        LocalDate first = usage.calendar().year(FY).firstWeek();

        long started = System.nanoTime();
        long checkIns = 0;
        for (int s = 0; s < schools; s++) {
            String school = String.format(Locale.ROOT, "B-%03d", s);
            int grades = s % 3 == 2 ? 3 : 6;
            List<CheckIn> batch = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                for (int w = 0; w < weeks; w++) {
                    List<CheckIn.SceneUse> uses = new ArrayList<>();
                    for (int scene = 1; scene <= 5; scene++) {
                        uses.add(new CheckIn.SceneUse(scene, random.nextInt(7), null));
                    }
                    batch.add(new CheckIn(school, 1 + c % grades, Integer.toString(1 + c / grades), first.plusWeeks(w), uses));
                }
            }
            for (int from = 0; from < batch.size(); from += 2000) {
                weeklyUse.recordCheckIns(batch.subList(from, Math.min(batch.size(), from + 2000)), null, "bench", false);
            }
            checkIns += batch.size();
        }
        double checkInSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "check-ins: %,d class-weeks (%,d scene figures) in %.1f s = %,.0f class-weeks/s%n",
                checkIns, checkIns * 5, checkInSeconds, checkIns / checkInSeconds);

        // Classroom software posts a school's events of a week at a time, for that week's lessons.
        started = System.nanoTime();
        long posted = 0;
        long perSchoolWeek = Math.max(1, events / ((long) schools * weeks));
        for (int w = 0; w < weeks && posted < events; w++) {
            for (int s = 0; s < schools && posted < events; s++) {
                int grades = s % 3 == 2 ? 3 : 6;
                int size = (int) Math.min(perSchoolWeek, events - posted);
                List<UsageEvent> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    int c = random.nextInt(classes);
                    OffsetDateTime at = first.plusWeeks(w).plusDays(random.nextInt(5))
                            .atTime(8 + random.nextInt(7), random.nextInt(60)).atOffset(ZoneOffset.ofHours(9));
                    batch.add(new UsageEvent(String.format(Locale.ROOT, "B-%03d", s), 1 + c % grades,
                            Integer.toString(1 + c / grades), at, 1 + random.nextInt(5), "bench", "d" + random.nextInt(40)));
                }
                for (int from = 0; from < batch.size(); from += WeeklyUseService.MAX_BATCH) {
                    weeklyUse.recordEvents(batch.subList(from, Math.min(batch.size(), from + WeeklyUseService.MAX_BATCH)), null,
                            "bench", false);
                }
                posted += size;
            }
            if (w % 10 == 9) {
                System.out.printf(Locale.ROOT, "  … %,d events, %.0f s%n", posted, seconds(started));
            }
        }
        double eventSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "events: %,d in batches of %,d (a school's week) in %.1f s = %,.0f events/s%n", posted,
                perSchoolWeek, eventSeconds, posted / eventSeconds);

        time(usage, "attainment, city, fiscal year", () -> attainments.attainment(usage.calendar().year(FY), AttainmentService.GroupBy.CITY, null));
        time(usage, "attainment, by school, fiscal year", () -> attainments.attainment(usage.calendar().year(FY), AttainmentService.GroupBy.SCHOOL, null));
        time(usage, "attainment, by grade, term 1", () -> attainments.attainment(usage.calendar().term(FY, 1), AttainmentService.GroupBy.GRADE, null));
        time(usage, "attainment, city, one week", () -> attainments.attainment(usage.calendar().week(FY, first.plusWeeks(10)),
                AttainmentService.GroupBy.CITY, null));
        time(usage, "attainment, one school, fiscal year", () -> attainments.attainment(usage.calendar().year(FY),
                AttainmentService.GroupBy.CITY, "B-007"));
        time(usage, "trend, city, 40 weeks", () -> attainments.trend(FY, null));
        time(usage, "not reporting, one week", () -> reporting.notReporting(first.plusWeeks(10)));
    }

    /** First call (cold) and the median of five more, each computed afresh as after a write. */
    private static void time(UsageService usage, String what, Runnable query) {
        usage.touched();
        long started = System.nanoTime();
        query.run();
        double cold = seconds(started) * 1000;
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            usage.touched();
            long t = System.nanoTime();
            query.run();
            runs.add(seconds(t) * 1000);
        }
        runs.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%-40s first %8.1f ms, median of 5 %8.1f ms%n", what,
                cold, runs.get(2));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static DataSource derbyOnDisk() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        Path dir = Path.of("target", "bench-derby-" + System.currentTimeMillis());
        ds.setDatabaseName(dir.toAbsolutePath().toString());
        ds.setCreateDatabase("create");
        return ds;
    }
}
