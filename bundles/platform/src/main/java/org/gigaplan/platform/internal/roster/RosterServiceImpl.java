package org.gigaplan.platform.internal.roster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.roster.RosterLearner;
import org.gigaplan.plan.roster.RosterListener;
import org.gigaplan.plan.roster.RosterService;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.platform.internal.roster.RosterState.Klass;
import org.gigaplan.platform.internal.roster.RosterState.Person;
import org.gigaplan.platform.internal.store.ChangeMarks;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.SchoolStore;
import org.gigaplan.platform.internal.store.TeacherStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roster: OneRoster sets imported (or tried in a dry run) all or nothing, in one transaction with the school
 * directory and the schools' lists of teachers it feeds; read by the modules. After an import commits, every
 * {@link RosterListener} hears which schools changed.
 */
@Component(service = { RosterService.class, RosterServiceImpl.class })
public class RosterServiceImpl implements RosterService {

    private static final Logger LOG = LoggerFactory.getLogger(RosterServiceImpl.class);

    private final PlatformDatabase db;
    private final SchoolStore schools;
    private final RosterStore store = new RosterStore();
    private final TeacherStore teachers = new TeacherStore();
    /**
     * The modules listening, each told through its service objects, taken at the moment it is told: a listener that
     * reads the roster itself (usage's class lists) would otherwise be activated while this service is, and ask for it.
     */
    private final Map<Object, RosterListener> listeners = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where the listeners' services are taken from; null outside a framework. */
    private BundleContext context;
    private final byte[] key;

    @Activate
    public RosterServiceImpl(BundleContext context, @Reference PlatformDatabase db) {
        this(db);
        this.context = context;
    }

    /** Outside a framework (tests): listeners come through {@link #listen}. */
    RosterServiceImpl(PlatformDatabase db) {
        this.db = db;
        this.schools = db.schools();
        String secret;
        try {
            secret = db.transaction(c -> store.key(c));
        } catch (RuntimeException raced) {
            // Another node made it at the same moment: it is there now.
            secret = db.transaction(c -> store.key(c));
        }
        this.key = HexFormat.of().parseHex(secret);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ServiceReference<RosterListener> listener) {
        listeners.put(listener, changed -> {
            RosterListener service = context.getService(listener);
            if (service == null) {
                return; // gone meanwhile
            }
            try {
                service.rosterChanged(changed);
            } finally {
                context.ungetService(listener);
            }
        });
    }

    void removeListener(ServiceReference<RosterListener> listener) {
        listeners.remove(listener);
    }

    /** Adds a listener outside a framework (tests). */
    void listen(RosterListener listener) {
        listeners.put(listener, listener);
    }

    /** What importing a set would change; nothing is stored. */
    public RosterChange preview(RosterSet set) {
        return db.transaction(c -> {
            RosterState before = store.load(c);
            RosterState after = merged(before, set);
            return change(c, before, after, set, false);
        });
    }

    /**
     * Imports a set: the roster, the directory's schools it names (added or updated: name, type from the classes'
     * grades, enrollment and classes counted) and their lists of teachers, all or nothing.
     *
     * @throws org.gigaplan.plan.rest.InvalidInputException naming file, line and column of every row at fault
     */
    public RosterChange apply(RosterSet set, String by) {
        RosterChange change = db.transactionRetrying(c -> {
            RosterState before = store.load(c);
            RosterState after = merged(before, set);
            RosterChange told = change(c, before, after, set, true);
            store.save(c, before, after);
            Instant now = Instant.now();
            for (String schoolId : after.schools()) {
                schools.upsert(c, school(c, after, schoolId, set));
            }
            for (RosterChange.SchoolChange s : told.schools()) {
                listTeachers(c, s, after, by, now);
            }
            if (!told.schools().isEmpty()) {
                ChangeMarks.raise(c, ChangeMarks.ROSTER);
            }
            return told;
        });
        Set<String> changed = change.schools().stream().map(RosterChange.SchoolChange::schoolId)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!changed.isEmpty()) {
            for (RosterListener l : listeners.values()) {
                try {
                    l.rosterChanged(changed);
                } catch (RuntimeException e) {
                    LOG.error("A module could not take the roster of {}: {}", changed, e.toString(), e);
                }
            }
        }
        return change;
    }

    @Override
    public long version() {
        return db.transaction(c -> ChangeMarks.read(c, ChangeMarks.ROSTER));
    }

    @Override
    public List<HomeroomClass> classes(String schoolId) {
        return db.transaction(c -> Jdbc.list(c, "SELECT sourced_id, school_id, grade, name, title, special_needs FROM "
                + "gp_roster_class WHERE school_id = ? ORDER BY grade, name", r -> new HomeroomClass(r.getString(1),
                        r.getString(2), r.getInt(3), r.getString(4), r.getString(5), r.getInt(6) == 1), schoolId));
    }

    @Override
    public Optional<RosterLearner> learner(String identity) {
        if (identity == null || identity.isBlank()) {
            return Optional.empty();
        }
        String hash = hmac("identity:" + identity.trim().toLowerCase(Locale.ROOT));
        return db.transaction(c -> {
            Optional<String[]> person = Jdbc.first(c, "SELECT p.school_id, p.pseudonym, p.sourced_id FROM "
                    + "gp_roster_identity i JOIN gp_roster_person p ON p.sourced_id = i.person_id WHERE "
                    + "i.identity_hmac = ? AND p.role = ?", r -> new String[] { r.getString(1), r.getString(2),
                            r.getString(3) }, hash, Person.LEARNER);
            if (person.isEmpty()) {
                return Optional.empty();
            }
            List<HomeroomClass> classes = Jdbc.list(c, "SELECT k.sourced_id, k.school_id, k.grade, k.name, k.title, "
                    + "k.special_needs FROM gp_roster_enrollment e JOIN gp_roster_class k ON k.sourced_id = e.class_id "
                    + "WHERE e.person_id = ? ORDER BY k.grade, k.name", r -> new HomeroomClass(r.getString(1),
                            r.getString(2), r.getInt(3), r.getString(4), r.getString(5), r.getInt(6) == 1),
                    person.get()[2]);
            return Optional.of(new RosterLearner(person.get()[0], person.get()[1], classes));
        });
    }

    @Override
    public List<String> schools() {
        return db.transaction(c -> Jdbc.list(c, "SELECT DISTINCT school_id FROM gp_roster_org ORDER BY school_id",
                r -> r.getString(1)));
    }

    /** Each school of the roster: its homeroom classes, teachers and learners. */
    public record SchoolRoster(String schoolId, int classes, int teachers, int learners) {
    }

    /** The roster school by school. */
    public List<SchoolRoster> summary() {
        return db.transaction(c -> {
            RosterState state = store.load(c);
            List<SchoolRoster> out = new ArrayList<>();
            for (String school : state.schools()) {
                int teachersOf = (int) state.persons().values().stream()
                        .filter(p -> p.schoolId().equals(school) && Person.TEACHER.equals(p.role())).count();
                out.add(new SchoolRoster(school, state.classesOf(school).size(), teachersOf,
                        (int) state.learners(school)));
            }
            return out;
        });
    }

    private RosterState merged(RosterState before, RosterSet set) {
        FieldChecks check = new FieldChecks();
        RosterState after = before.merge(set, new RosterState.Hasher() {
            @Override
            public String pseudonym(String sourcedId) {
                return hmac("learner:" + sourcedId).substring(0, 32);
            }

            @Override
            public String identity(String identity) {
                return hmac("identity:" + identity);
            }
        }, check);
        check.throwIfAny();
        return after;
    }

    private RosterChange change(Connection c, RosterState before, RosterState after, RosterSet set, boolean applied)
            throws SQLException {
        Set<String> known = new TreeSet<>();
        for (String id : after.schools()) {
            if (schools.find(c, id).isPresent()) {
                known.add(id);
            }
        }
        Map<String, String> modes = new LinkedHashMap<>();
        set.manifest().files().forEach((file, mode) -> {
            if (mode != RosterMode.ABSENT) {
                modes.put(file, mode.name().toLowerCase(Locale.ROOT));
            }
        });
        return new RosterChange(applied, modes, RosterChange.between(before, after, known), set.ignoredFiles());
    }

    /** The directory's entry of a school the roster names: the org's name, its type from the classes' grades. */
    private School school(Connection c, RosterState roster, String schoolId, RosterSet set) throws SQLException {
        Optional<School> stored = schools.find(c, schoolId);
        String orgId = roster.orgs().values().stream().filter(o -> o.schoolId().equals(schoolId)).findFirst()
                .orElseThrow().sourcedId();
        Optional<RosterOrg> org = set.findOrg(orgId);
        String nameJa = org.map(RosterOrg::name).orElse(stored.map(s -> s.name().ja()).orElse(schoolId));
        String nameEn = stored.map(s -> s.name().en()).filter(n -> !n.isBlank()).orElse(nameJa);
        List<Klass> classes = roster.classesOf(schoolId);
        SchoolType type = typeOf(nameJa, set, classes).orElse(stored.map(School::type).orElse(SchoolType.ELEMENTARY));
        long learners = roster.learners(schoolId);
        return new School(schoolId, new LocalizedText(nameJa, nameEn), type,
                learners > 0 ? (int) learners : stored.map(School::enrollment).orElse(0),
                classes.isEmpty() ? stored.map(School::classes).orElse(0) : classes.size(), false);
    }

    /** 特別支援学校 by its name; else by the stages its classes' grades name: P, J, H, or J and H (中等教育学校). */
    private static Optional<SchoolType> typeOf(String name, RosterSet set, List<Klass> classes) {
        if (name.contains("特別支援学校")) {
            return Optional.of(SchoolType.SPECIAL_NEEDS);
        }
        Set<RosterGrades.Stage> stages = new TreeSet<>();
        for (Klass k : classes) {
            set.findClass(k.sourcedId()).ifPresent(rc -> rc.grades().forEach(
                    g -> RosterGrades.grade(g).ifPresent(grade -> stages.add(grade.stage()))));
        }
        if (stages.equals(Set.of(RosterGrades.Stage.ELEMENTARY))) {
            return Optional.of(SchoolType.ELEMENTARY);
        } else if (stages.equals(Set.of(RosterGrades.Stage.JUNIOR_HIGH))) {
            return Optional.of(SchoolType.JUNIOR_HIGH);
        } else if (stages.equals(Set.of(RosterGrades.Stage.HIGH))) {
            return Optional.of(SchoolType.HIGH);
        } else if (stages.equals(Set.of(RosterGrades.Stage.JUNIOR_HIGH, RosterGrades.Stage.HIGH))) {
            return Optional.of(SchoolType.SECONDARY);
        }
        return Optional.empty();
    }

    /** The roster's teachers on the school's list (listed again if retired); those it dropped retired. */
    private void listTeachers(Connection c, RosterChange.SchoolChange s, RosterState after, String by, Instant now)
            throws SQLException {
        Map<String, Teacher> listed = new LinkedHashMap<>();
        for (Teacher t : teachers.list(c, s.schoolId(), true)) {
            listed.put(t.code(), t);
        }
        List<String> codes = new ArrayList<>(s.teachersAdded());
        after.persons().values().stream().filter(p -> p.schoolId().equals(s.schoolId())
                && Person.TEACHER.equals(p.role())).forEach(p -> codes.add(p.teacherCode()));
        for (String code : new TreeSet<>(codes)) {
            Teacher t = listed.get(code);
            if (t == null) {
                teachers.insert(c, s.schoolId(), code, null, Teacher.ROSTER, by, now);
            } else if (t.retired()) {
                teachers.relist(c, s.schoolId(), code, t.name());
            }
        }
        for (String code : s.teachersRemoved()) {
            Teacher t = listed.get(code);
            if (t != null && !t.retired()) {
                teachers.retire(c, s.schoolId(), code, now);
            }
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
