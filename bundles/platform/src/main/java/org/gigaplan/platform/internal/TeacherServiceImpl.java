package org.gigaplan.platform.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.Teacher;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.service.TeacherService;
import org.gigaplan.plan.spi.PolicyModule;
import org.gigaplan.platform.internal.notify.Notifications;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.TeacherStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each school's list of teachers. The school puts its whole list (what it puts replaces what was there: teachers
 * left out are retired, their records kept); a teacher's own login lists them; the board removes a teacher listed
 * by mistake together with every module's records naming them. Teachers named by records made before the lists
 * existed are listed when their module starts.
 */
@Component(service = { TeacherService.class, TeacherServiceImpl.class })
public class TeacherServiceImpl implements TeacherService {

    /** The most teachers one school's list may hold: more than any school has staff. */
    public static final int MAX_LIST = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(TeacherServiceImpl.class);

    /** A teacher as the school lists them. */
    public record Listed(String code, String name) {
    }

    /** What putting a list changed. */
    public record ListChange(String schoolId, List<String> added, List<String> relisted, List<String> retired,
            List<Teacher> teachers) {
    }

    /** A teacher and how many records each module holds naming them. */
    public record TeacherRecords(Teacher teacher, Map<String, Integer> records) {
    }

    private final PlatformDatabase db;
    private final SchoolService schools;
    private final TeacherStore store = new TeacherStore();
    private final List<PolicyModule> modules = new CopyOnWriteArrayList<>();

    @Activate
    public TeacherServiceImpl(@Reference PlatformDatabase db, @Reference SchoolService schools) {
        this.db = db;
        this.schools = schools;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addModule(PolicyModule module) {
        modules.add(module);
        adopt(module);
    }

    void removeModule(PolicyModule module) {
        modules.remove(module);
    }

    @Override
    public List<Teacher> list(String schoolId, boolean retired) {
        return db.transaction(c -> store.list(c, schoolId, retired));
    }

    public Optional<Teacher> find(String schoolId, String code) {
        return db.transaction(c -> store.find(c, schoolId, code));
    }

    @Override
    public void register(String schoolId, Collection<String> codes, String source) {
        db.transactionRetrying(c -> {
            Set<String> known = store.list(c, schoolId, true).stream().map(Teacher::code).collect(Collectors.toSet());
            Instant now = Instant.now();
            for (String code : new java.util.TreeSet<>(codes)) {
                if (known.add(code)) {
                    store.insert(c, schoolId, code, null, source, source.toLowerCase(java.util.Locale.ROOT), now);
                }
            }
            return null;
        });
    }

    /**
     * Lists a teacher who logged in with their own account when they are not listed: the account is the school's word
     * they teach there. Asked of the database at each login (one key lookup), not remembered: another node may have
     * removed them since.
     */
    public void signedIn(Caller caller) {
        try {
            if (caller.role() != Role.TEACHER) {
                return;
            }
            if (find(caller.schoolId(), caller.teacherId()).isEmpty()) {
                register(caller.schoolId(), List.of(caller.teacherId()), Teacher.LOGIN);
            }
        } catch (RuntimeException e) {
            // The login stands; their records are refused until they are listed.
            LOG.warn("Could not list teacher {} of {} on their login: {}", caller.teacherId(), caller.schoolId(),
                    e.toString());
        }
    }

    /**
     * Makes the school's list the one given: new teachers are added, retired ones listed again, names set, and those
     * listed before but not now retired (their records stay).
     */
    public ListChange replace(String schoolId, List<Listed> list, String by) {
        if (schools.find(schoolId).isEmpty()) {
            throw new InvalidInputException("schoolId", "no school " + schoolId);
        }
        if (list == null) {
            throw new InvalidInputException("body", "give the school's teachers: [{\"code\":\"T01\",\"name\":\"…\"}] "
                    + "(an empty list retires every teacher)");
        }
        FieldChecks.batchSize(list.size(), MAX_LIST);
        FieldChecks check = new FieldChecks();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "[" + i + "]";
            Listed t = list.get(i);
            if (t == null) {
                check.add(at, "must be a teacher: {\"code\":\"T01\"}");
                continue;
            }
            String code = TeacherService.checkCode(t.code(), at + ".code", check);
            if (code != null && seen.putIfAbsent(code, at) != null) {
                check.add(at + ".code", "teacher " + code + " is also listed at " + seen.get(code));
            }
            check.name(t.name(), false, 200, at + ".name");
        }
        check.throwIfAny();
        return db.transactionRetrying(c -> {
            Map<String, Teacher> before = store.list(c, schoolId, true).stream()
                    .collect(Collectors.toMap(Teacher::code, t -> t, (a, b) -> a, LinkedHashMap::new));
            List<String> added = new ArrayList<>();
            List<String> relisted = new ArrayList<>();
            List<String> retired = new ArrayList<>();
            Instant now = Instant.now();
            Set<String> listed = new HashSet<>();
            for (Listed t : list) {
                String code = t.code().trim();
                String name = t.name() == null || t.name().isBlank() ? null : t.name().trim();
                listed.add(code);
                Teacher was = before.get(code);
                if (was == null) {
                    store.insert(c, schoolId, code, name, Teacher.LIST, by, now);
                    added.add(code);
                } else {
                    if (was.retired()) {
                        relisted.add(code);
                    }
                    store.relist(c, schoolId, code, name);
                }
            }
            for (Teacher t : before.values()) {
                if (!listed.contains(t.code()) && !t.retired()) {
                    store.retire(c, schoolId, t.code(), now);
                    retired.add(t.code());
                }
            }
            return new ListChange(schoolId, added, relisted, retired, store.list(c, schoolId, false));
        });
    }

    /** A teacher of the list (retired or not) and each module's records naming them. */
    public Optional<TeacherRecords> records(String schoolId, String code) {
        return find(schoolId, code).map(t -> new TeacherRecords(t, counts(schoolId, code)));
    }

    /**
     * Removes a teacher listed by mistake, and every module's records naming them. Called for an /api request, whose
     * write unit makes the modules' removals and the list's one transaction: all or nothing.
     *
     * @return the records each module removed; empty when the teacher is on no list
     */
    public Optional<Map<String, Integer>> remove(String schoolId, String code) {
        if (find(schoolId, code).isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> removed = new LinkedHashMap<>();
        for (PolicyModule m : modules) {
            removed.put(m.id(), m.removeTeacher(schoolId, code));
        }
        // The notices, address and mails sent to them go with the list's entry (the platform's own tables).
        removed.put("notifications", db.transaction(c -> {
            store.delete(c, schoolId, code);
            return Notifications.forgetTeacher(c, schoolId, code);
        }));
        return Optional.of(removed);
    }

    private Map<String, Integer> counts(String schoolId, String code) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PolicyModule m : modules) {
            out.put(m.id(), m.teacherRecords(schoolId, code));
        }
        return out;
    }

    /** Lists the teachers a module's records name who are on no list yet (records made before the lists). */
    private void adopt(PolicyModule module) {
        try {
            Map<String, Set<String>> named = module.teachersNamed();
            int[] added = new int[1];
            named.forEach((school, codes) -> {
                Set<String> known = list(school, true).stream().map(Teacher::code).collect(Collectors.toSet());
                List<String> missing = codes.stream().filter(code -> !known.contains(code)).toList();
                if (!missing.isEmpty()) {
                    register(school, missing, Teacher.RECORDS);
                    added[0] += missing.size();
                }
            });
            if (added[0] > 0) {
                LOG.info("Listed {} teachers named by module {}'s records made before the schools' lists", added[0],
                        module.id());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not list the teachers module {}'s records name: {}", module.id(), e.toString(), e);
        }
    }
}
