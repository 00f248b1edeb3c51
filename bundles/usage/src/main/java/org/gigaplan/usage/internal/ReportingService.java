package org.gigaplan.usage.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Who has not reported (policy 1): the board's reminder list of schools and classes without records for a week. */
@Component(service = ReportingService.class)
public class ReportingService {

    private final UsageService usage;
    private final SchoolService schools;
    private final ModuleEnablement enablement;

    @Activate
    public ReportingService(@Reference UsageService usage, @Reference SchoolService schools,
            @Reference ModuleEnablement enablement) {
        this.usage = usage;
        this.schools = schools;
        this.enablement = enablement;
    }

    /** A school short of records for a week: every class missing, or some. */
    public record Missing(String schoolId, LocalizedText name, SchoolType type, int classesInDirectory,
            int classesRegistered, int classesReporting, List<String> missingClasses) {
    }

    /** The board's reminder list for a week: schools with no record, then those with classes missing. */
    public List<Missing> notReporting(LocalDate week) {
        Set<Long> reporting = new HashSet<>(usage.weekQueries().classesReporting(week));
        Map<String, List<SchoolClass>> bySchool = usage.classes(null).stream()
                .collect(Collectors.groupingBy(SchoolClass::schoolId, TreeMap::new, Collectors.toList()));
        Set<String> off = enablement.disabledSchools(UsageService.MODULE_ID);
        List<Missing> out = new ArrayList<>();
        for (School s : schools.all()) {
            if (off.contains(s.id())) {
                continue;
            }
            List<SchoolClass> registered = bySchool.getOrDefault(s.id(), List.of());
            List<String> missing = registered.stream().filter(c -> !reporting.contains(c.id())).map(SchoolClass::label).toList();
            int reportingCount = registered.size() - missing.size();
            if (reportingCount == 0 || !missing.isEmpty()) {
                out.add(new Missing(s.id(), s.name(), s.type(), s.classes(), registered.size(), reportingCount, missing));
            }
        }
        out.sort(Comparator.comparing((Missing m) -> m.classesReporting() > 0).thenComparing(Missing::schoolId));
        return out;
    }
}
