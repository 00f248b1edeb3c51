package org.gigaplan.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.roster.RosterLearner;
import org.gigaplan.plan.roster.RosterService;

/**
 * The board's roster in memory: {@code classes("S1", "5年1組", "5年2組")} and {@code learner("S1", "a@x.jp", "5年1組")},
 * as an import would leave it.
 */
public final class FakeRoster implements RosterService {

    private final Map<String, List<HomeroomClass>> classes = new ConcurrentHashMap<>();
    private final Map<String, RosterLearner> learners = new ConcurrentHashMap<>();
    /** Moves with every change, as an import on any node moves the platform's. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    /** Sets a school's homeroom classes by title ({@code 5年1組}: grade 5, class "1"); answers this for chaining. */
    public FakeRoster classes(String schoolId, String... titles) {
        List<HomeroomClass> out = new ArrayList<>();
        for (String title : titles) {
            out.add(homeroom(schoolId, title));
        }
        classes.put(schoolId, List.copyOf(out));
        version.incrementAndGet();
        return this;
    }

    /** Puts a learner, named by an identity (e-mail, account name), into homeroom classes of a school. */
    public FakeRoster learner(String schoolId, String identity, String... titles) {
        List<HomeroomClass> in = new ArrayList<>();
        for (String title : titles) {
            in.add(homeroom(schoolId, title));
        }
        learners.put(identity.toLowerCase(Locale.ROOT), new RosterLearner(schoolId,
                "p" + Integer.toHexString(identity.toLowerCase(Locale.ROOT).hashCode()), in));
        version.incrementAndGet();
        return this;
    }

    private static HomeroomClass homeroom(String schoolId, String title) {
        int year = title.indexOf('年');
        int kumi = title.indexOf('組');
        return year > 0 && kumi > year
                ? new HomeroomClass(schoolId + "/" + title, schoolId, Integer.parseInt(title.substring(0, year)),
                        title.substring(year + 1, kumi), title, false)
                : new HomeroomClass(schoolId + "/" + title, schoolId, 1, title, title, true);
    }

    @Override
    public List<HomeroomClass> classes(String schoolId) {
        return classes.getOrDefault(schoolId, List.of());
    }

    @Override
    public Optional<RosterLearner> learner(String identity) {
        return identity == null ? Optional.empty() : Optional.ofNullable(learners.get(identity.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    public long version() {
        return version.get();
    }

    @Override
    public List<String> schools() {
        return List.copyOf(new TreeMap<>(classes).keySet());
    }
}
