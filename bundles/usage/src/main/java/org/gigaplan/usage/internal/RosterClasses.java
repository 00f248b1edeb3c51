package org.gigaplan.usage.internal;

import java.util.List;
import java.util.Set;

import org.gigaplan.plan.roster.HomeroomClass;
import org.gigaplan.plan.roster.RosterListener;
import org.gigaplan.plan.roster.RosterService;
import org.gigaplan.plan.rest.InvalidInputException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classes expected to report come from the board's roster: a school the roster names gets its homeroom classes
 * as its class list (new ones added, those gone retired with their records kept), after each import and when the
 * module starts (it may have been off during an import). A school the roster does not name keeps the list it typed.
 */
@Component(service = RosterListener.class, immediate = true)
public class RosterClasses implements RosterListener {

    private static final Logger LOG = LoggerFactory.getLogger(RosterClasses.class);

    private final RosterService roster;
    private final UsageService usage;

    @Activate
    public RosterClasses(@Reference RosterService roster, @Reference UsageService usage) {
        this.roster = roster;
        this.usage = usage;
        rosterChanged(Set.copyOf(roster.schools()));
    }

    @Override
    public void rosterChanged(Set<String> schoolIds) {
        var directory = usage.directory();
        for (String school : schoolIds) {
            List<UsageService.ClassInput> classes = roster.classes(school).stream()
                    .map(c -> new UsageService.ClassInput(c.grade(), c.name())).toList();
            if (classes.isEmpty() || directory.get(school) == null) {
                continue;
            }
            try {
                UsageService.ClassChange change = usage.replaceClasses(school, classes);
                if (!change.added().isEmpty() || !change.retired().isEmpty() || !change.removed().isEmpty()) {
                    LOG.info("Classes of {} from the roster: added {}, retired {}, removed {}", school, change.added(),
                            change.retired(), change.removed());
                }
            } catch (InvalidInputException e) {
                LOG.warn("The roster's classes of {} do not fit its class list: {}", school, e.errors());
            }
        }
    }
}
