package org.gigaplan.training.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.DemoContext;

/**
 * Two fiscal years of synthetic checklist answers (the demo year and the one before) for every school's teachers:
 * schools and categories differ (C and D lag, as in the national survey), and most teachers improve a little.
 */
final class TrainingDemo {

    /** How readily each category is answered 3 or 4, relative to A. */
    private static final double[] CATEGORY = { 1.0, 0.92, 0.8, 0.85 };

    private final TrainingService training;
    private final DemoContext context;
    private final RandomGenerator random;

    TrainingDemo(TrainingService training, DemoContext context) {
        this.training = training;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        FiscalYear fy = context.fiscalYear();
        int answers = 0;
        for (School school : context.schools()) {
            // About one teacher per twenty students, at least three: the smallest sample school has fewer than
            // five, so the board's views suppress it.
            int teachers = Math.max(3, school.enrollment() / 20);
            double level = 2.3 + 0.9 * random.nextDouble();
            List<Assessment> before = new ArrayList<>();
            List<Assessment> now = new ArrayList<>();
            for (int t = 1; t <= teachers; t++) {
                String code = String.format("T%03d", t);
                double teacher = level + random.nextGaussian() * 0.45;
                double growth = 0.1 + random.nextDouble() * 0.35;
                before.add(new Assessment(code, fy.previous().year(), null, answers(teacher)));
                now.add(new Assessment(code, fy.year(), null, answers(teacher + growth)));
            }
            answers += training.record(school.id(), before, "demo", true).answers();
            answers += training.record(school.id(), now, "demo", true).answers();
        }
        context.progress(answers + " checklist answers for " + fy.previous() + " and " + fy);
    }

    private Map<String, Integer> answers(double teacher) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Checklist.Item item : training.checklist().items()) {
            double mean = 1 + (teacher - 1) * CATEGORY[item.category().charAt(0) - 'A'];
            out.put(item.code(), (int) Math.max(1, Math.min(4, Math.round(mean + random.nextGaussian() * 0.6))));
        }
        return out;
    }
}
