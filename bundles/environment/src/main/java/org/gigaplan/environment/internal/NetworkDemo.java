package org.gigaplan.environment.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.UseFrequency;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.spi.DemoContext;

/**
 * Synthetic speed tests for every school over the demo year: most schools above their recommended bandwidth, two
 * below it, and one that falls below in the autumn and recovers after a line upgrade (its finding is closed, with
 * a cause and a countermeasure).
 */
final class NetworkDemo {


    private final NetworkService network;
    private final XapiService xapi;
    private final HistoryUseService uses;
    private final DemoContext context;
    private final RandomGenerator random;

    NetworkDemo(NetworkService network, XapiService xapi, HistoryUseService uses, DemoContext context) {
        this.network = network;
        this.xapi = xapi;
        this.uses = uses;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        List<School> schools = context.schools();
        LocalDate start = context.fiscalYear().start();
        LocalDate today = network.clock().today();
        LocalDate end = context.fiscalYear().end().isBefore(today) ? context.fiscalYear().end() : today;
        int tests = 0;
        for (int i = 0; i < schools.size(); i++) {
            School school = schools.get(i);
            double recommended = network.table().forEnrollment(school.enrollment()).mbps();
            // Schools 2 and 5 (0-based) stay below; school 3 dips from October and recovers in January.
            double level = i == 2 || i == 5 ? 0.75 : 1.2 + 0.4 * random.nextDouble();
            List<Measurement> batch = new ArrayList<>();
            for (LocalDate day = start.plusDays(3); !day.isAfter(end); day = day.plusDays(7)) {
                double factor = level;
                if (i == 3 && day.getMonthValue() >= 10 && day.getMonthValue() <= 12) {
                    factor = 0.7;
                }
                double mbps = Math.max(1, recommended * factor * (0.9 + 0.2 * random.nextDouble()));
                OffsetDateTime at = day.atTime(10 + random.nextInt(4), random.nextInt(60)).atZone(network.clock().zone()).toOffsetDateTime();
                batch.add(new Measurement(school.id(), at, Math.round(mbps * 10) / 10.0,
                        Math.round(mbps * 0.6 * 10) / 10.0, 8 + 20 * random.nextDouble(), random.nextDouble(),
                        "CENTRE_LINK", true, 30 + random.nextInt(300)));
            }
            // One week at a time, in order, as agents post them: findings open and close as they would. Filled again
            // (on another day, so with other draws), a test at a time an earlier fill took is left out.
            for (Measurement m : batch) {
                try {
                    tests += network.record(List.of(m), null, "demo", true).stored();
                } catch (ConflictException taken) {
                    continue;
                }
            }
        }
        for (Finding f : network.findings(null, false)) {
            if (!f.open() && f.notes().isEmpty()) {
                network.addNote(f, "CAUSE", "授業支援ソフトの同時利用で回線が飽和", null, "demo");
                network.addNote(f, "COUNTERMEASURE", "回線を1Gbpsに増速し、アクセスポイントを増設", null, "demo");
            }
        }
        context.progress(tests + " speed tests for " + schools.size() + " schools");
        fillLearningRecords(schools, end);
        fillHistoryUse(schools, end);
    }

    /**
     * Teachers' reports of learning-history use: a school's teachers T01… (one per two classes, at least three), the
     * share using them weekly rising with the school's place in the list so the city shows a spread.
     */
    private void fillHistoryUse(List<School> schools, LocalDate on) {
        int reports = 0;
        for (int i = 0; i < schools.size(); i++) {
            School school = schools.get(i);
            double weekly = 0.2 + 0.6 * i / Math.max(1, schools.size() - 1);
            int teachers = Math.max(3, school.classes() / 2);
            List<HistoryUse.Report> batch = new ArrayList<>();
            for (int t = 1; t <= teachers; t++) {
                double draw = random.nextDouble();
                UseFrequency frequency = draw < weekly * 0.4 ? UseFrequency.DAILY : draw < weekly ? UseFrequency.WEEKLY
                        : draw < weekly + 0.2 ? UseFrequency.MONTHLY : draw < 0.95 ? UseFrequency.RARELY : UseFrequency.NEVER;
                batch.add(new HistoryUse.Report(String.format("T%02d", t), context.fiscalYear().year(), frequency.name(),
                        on));
            }
            uses.teachers().register(school.id(), batch.stream().map(HistoryUse.Report::teacherId).toList(), Teacher.DEMO);
            reports += uses.report(school.id(), batch, "demo", true, true);
        }
        context.progress(reports + " teachers' reports of learning-history use");
    }

    /** A digital drill's statements for two classes of each elementary school over the year's last twelve weeks. */
    private void fillLearningRecords(List<School> schools, LocalDate end) {
        int statements = 0;
        List<String> lookers = new ArrayList<>();
        for (School school : schools) {
            if (school.type() != org.gigaplan.plan.model.SchoolType.ELEMENTARY) {
                continue;
            }
            List<Object> batch = new ArrayList<>();
            for (String classRef : List.of("5-1", "6-1")) {
                for (int learner = 1; learner <= 8; learner++) {
                    String mbox = "mailto:demo-" + school.id().toLowerCase() + "-" + classRef + "-" + learner + "@drill.example";
                    lookers.add(learner <= 3 ? mbox : null);
                    double ability = 0.4 + 0.5 * random.nextDouble();
                    for (int week = 12; week >= 1; week--) {
                        LocalDate day = end.minusWeeks(week).plusDays(random.nextInt(5));
                        String unit = "https://drill.example/math/unit-" + (13 - week);
                        double score = Math.max(0, Math.min(1, ability + 0.02 * (12 - week) + 0.1 * random.nextGaussian()));
                        batch.add(java.util.Map.of("actor", java.util.Map.of("mbox", mbox),
                                "verb", java.util.Map.of("id", "http://adlnet.gov/expapi/verbs/completed",
                                        "display", java.util.Map.of("ja-JP", "完了")),
                                "object", java.util.Map.of("id", unit, "definition",
                                        java.util.Map.of("name", java.util.Map.of("ja-JP", "算数ドリル 単元" + (13 - week)))),
                                "result", java.util.Map.of("score", java.util.Map.of("scaled", Math.round(score * 100) / 100.0),
                                        "completion", true),
                                "context", java.util.Map.of("extensions", java.util.Map.of("https://drill.example/ext/class", classRef)),
                                "timestamp", day.atTime(14, 0).atZone(network.clock().zone()).toOffsetDateTime().toString()));
                    }
                }
            }
            statements += xapi.store(batch, school.id(), "demo", true).size();
            // Three learners of each class have looked at their own history.
            for (String mbox : lookers) {
                if (mbox != null) {
                    xapi.demoOpened(school.id(), mbox, context.fiscalYear());
                }
            }
            lookers.clear();
        }
        context.progress(statements + " learning records (xAPI) for two classes of each elementary school");
    }
}
