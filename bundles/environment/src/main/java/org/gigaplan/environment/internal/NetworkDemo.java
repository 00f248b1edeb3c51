package org.gigaplan.environment.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.DemoContext;

/**
 * Synthetic speed tests for every school over the demo year: most schools above their recommended bandwidth, two
 * below it, and one that falls below in the autumn and recovers after a line upgrade (its finding is closed, with
 * a cause and a countermeasure).
 */
final class NetworkDemo {

    private static final ZoneOffset JST = ZoneOffset.ofHours(9);

    private final NetworkService network;
    private final DemoContext context;
    private final RandomGenerator random;

    NetworkDemo(NetworkService network, DemoContext context) {
        this.network = network;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        List<School> schools = context.schools();
        LocalDate start = context.fiscalYear().start();
        LocalDate end = context.fiscalYear().end().isBefore(LocalDate.now()) ? context.fiscalYear().end() : LocalDate.now();
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
                OffsetDateTime at = day.atTime(10 + random.nextInt(4), random.nextInt(60)).atOffset(JST);
                batch.add(new Measurement(school.id(), at, Math.round(mbps * 10) / 10.0,
                        Math.round(mbps * 0.6 * 10) / 10.0, 8 + 20 * random.nextDouble(), random.nextDouble(),
                        "CENTRE_LINK", true, 30 + random.nextInt(300)));
            }
            // One week at a time, in order, as agents post them: findings open and close as they would.
            for (Measurement m : batch) {
                network.record(List.of(m), null, "demo", true);
            }
            tests += batch.size();
        }
        for (Finding f : network.findings(null, false)) {
            if (!f.open() && f.notes().isEmpty()) {
                network.addNote(f, "CAUSE", "授業支援ソフトの同時利用で回線が飽和", null, "demo");
                network.addNote(f, "COUNTERMEASURE", "回線を1Gbpsに増速し、アクセスポイントを増設", null, "demo");
            }
        }
        context.progress(tests + " speed tests for " + schools.size() + " schools");
    }
}
