package org.gigaplan.usage.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.Benchmarks;
import org.gigaplan.testkit.TestDatabase;
import org.gigaplan.usage.internal.store.KeptCounts;
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
        String engine = Benchmarks.engine();
        DataSource ds = Benchmarks.database();
        UsageFixture fixture = new UsageFixture(ds);
        FakeSchools directory = Benchmarks.city(fixture.schools, "B", schools, classes);
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

        long figures = (long) schools * classes * weeks * 5;
        double plainBefore = rawInsertRate(ds, figures);
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

        Benchmarks.printShareOfPlainInsert("check-ins", figures, checkIns * 5 / checkInSeconds, plainBefore,
                rawInsertRate(ds, figures));

        Benchmarks.analyzed(ds);
        SchoolCalendar calendar = usage.calendar();
        SchoolCalendar.Period year = calendar.year(FY);
        SchoolCalendar.Period term = calendar.term(FY, 1);
        SchoolCalendar.Period week = calendar.week(FY, first.plusWeeks(10));
        System.out.printf(Locale.ROOT, "%nview latency, each computed afresh as after a write (goal: median ≤ 50 ms, "
                + "p95 ≤ 100 ms)%n");
        for (SchoolCalendar.Period period : List.of(year, term, week)) {
            for (AttainmentService.GroupBy by : List.of(AttainmentService.GroupBy.CITY, AttainmentService.GroupBy.TYPE,
                    AttainmentService.GroupBy.GRADE, AttainmentService.GroupBy.SCHOOL)) {
                Benchmarks.view("attainment, " + by.name().toLowerCase(Locale.ROOT) + ", " + period.kind(),
                        () -> attainments.attainment(period, by, null));
            }
            Benchmarks.view("attainment, one school by class, " + period.kind(),
                    () -> attainments.attainment(period, AttainmentService.GroupBy.CLASS, "B-007"));
        }
        Benchmarks.view("trend, city, " + weeks + " weeks", () -> attainments.trend(FY, null));
        Benchmarks.view("trend, one school", () -> attainments.trend(FY, "B-007"));
        Benchmarks.view("not reporting, one week", () -> reporting.notReporting(first.plusWeeks(10)));
        // The check-in list (GET usage/check-ins): a page of 50 with the count of all, as the resource answers it.
        Benchmarks.view("check-ins listed, city, first page", () -> List.of(weeklyUse.figures(FY, null, null, 0,
                50), weeklyUse.countFigures(FY, null, null)));
        Benchmarks.view("check-ins listed, city, page 1,000", () -> List.of(weeklyUse.figures(FY, null, null, 49_950,
                50), weeklyUse.countFigures(FY, null, null)));
        Benchmarks.view("check-ins listed, city's week", () -> List.of(weeklyUse.figures(FY, null, first.plusWeeks(10),
                0, 50), weeklyUse.countFigures(FY, null, first.plusWeeks(10))));
        Benchmarks.view("check-ins listed, one school, first page", () -> List.of(weeklyUse.figures(FY, "B-007",
                null, 0, 50), weeklyUse.countFigures(FY, "B-007", null)));
        Benchmarks.view("check-ins listed, one school's week", () -> List.of(weeklyUse.figures(FY, "B-007",
                first.plusWeeks(10), 0, 50), weeklyUse.countFigures(FY, "B-007", first.plusWeeks(10))));

        // The export (GET usage/check-ins/export): the year's figures read as the resource reads them, in chunks.
        started = System.nanoTime();
        long exported = 0;
        List<WeeklyFigure> chunk = weeklyUse.figuresAfter(FY, null, null, 5000);
        while (!chunk.isEmpty()) {
            exported += chunk.size();
            chunk = weeklyUse.figuresAfter(FY, null, chunk.get(chunk.size() - 1), 5000);
        }
        System.out.printf(Locale.ROOT, "check-ins export, city: %,d figures read in chunks of 5,000 in %.1f s = %,.0f "
                + "figures/s (of %,d stored)%n", exported, seconds(started), exported / seconds(started),
                weeklyUse.countFigures(FY, null, null));

        // What the module's start adds: the check that the kept counts match the target and terms, and when the
        // target changed, the recount of everything kept from the weekly figures.
        long t = System.nanoTime();
        KeptCounts.Recounted unchanged = KeptCounts.ensureKept(db, new KeptCounts.Basis(3, 50, calendar));
        System.out.printf(Locale.ROOT, "%nmodule start, kept counts checked (nothing to recount: %s): %.0f ms%n",
                !unchanged.schoolWeeks() && !unchanged.periods() && !unchanged.city(), seconds(t) * 1000);
        t = System.nanoTime();
        KeptCounts.ensureKept(db, new KeptCounts.Basis(4, 50, calendar));
        System.out.printf(Locale.ROOT, "module start after a change of target: everything kept recounted in %.1f s%n",
                seconds(t));
    }

    /**
     * What the database itself sustains: rows shaped like the weekly figures inserted with plain JDBC batches of
     * 10,000, a commit per batch, into a table of the same columns, primary key and index as {@code usage_week}.
     */
    private static double rawInsertRate(DataSource ds, long rows) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        LocalDate first = LocalDate.of(2025, 4, 7);
        return Benchmarks.plainInsertRate(ds, List.of("CREATE TABLE bench_raw (class_id BIGINT NOT NULL, week DATE NOT "
                + "NULL, scene SMALLINT NOT NULL, school_id VARCHAR(32) NOT NULL, grade SMALLINT NOT NULL, fiscal_year "
                + "SMALLINT NOT NULL, checkin_uses INT, checkin_answer VARCHAR(16), checkin_by VARCHAR(64), event_uses "
                + "INT NOT NULL, uses INT NOT NULL, demo SMALLINT NOT NULL, updated_at TIMESTAMP NOT NULL, "
                + "PRIMARY KEY (class_id, week, scene))",
                "CREATE INDEX ix_bench_raw_week ON bench_raw (week, school_id, class_id)"), "bench_raw", 13, rows, 10_000,
                (s, i) -> {
                    s.setLong(1, i / 200);
                    s.setDate(2, java.sql.Date.valueOf(first.plusWeeks((i / 5) % 40)));
                    s.setInt(3, (int) (i % 5) + 1);
                    s.setString(4, "B-" + (i / 6000));
                    s.setInt(5, 1);
                    s.setInt(6, 2025);
                    s.setInt(7, (int) (i % 7));
                    s.setString(8, null);
                    s.setString(9, "bench");
                    s.setInt(10, 0);
                    s.setInt(11, (int) (i % 7));
                    s.setInt(12, 0);
                    s.setTimestamp(13, now);
                });
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
