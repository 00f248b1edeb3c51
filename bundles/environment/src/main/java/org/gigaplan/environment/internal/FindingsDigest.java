package org.gigaplan.environment.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.notify.DigestSection;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Policy 3's part of the board's monthly digest: the findings still open, oldest first, with who acts by when. */
@Component(service = DigestSection.class)
public class FindingsDigest implements DigestSection {

    /** Findings named one by one; the rest are counted. */
    static final int NAMED = 20;

    private final NetworkService network;
    private final SchoolService schools;

    @Activate
    public FindingsDigest(@Reference NetworkService network, @Reference SchoolService schools) {
        this.network = network;
        this.schools = schools;
    }

    @Override
    public LocalizedText title() {
        return LocalizedText.of("対応中のネットワークの指摘", "Open network findings");
    }

    @Override
    public Optional<Lines> lines(LocalDate day) {
        List<Finding> open = new ArrayList<>(network.findings(null, true));
        if (open.isEmpty()) {
            return Optional.empty();
        }
        open.sort(java.util.Comparator.comparing(Finding::openedAt));
        List<String> ja = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (Finding f : open.subList(0, Math.min(NAMED, open.size()))) {
            LocalDate opened = LocalDate.ofInstant(f.openedAt(), network.clock().zone());
            long days = ChronoUnit.DAYS.between(opened, day);
            LocalizedText name = schools.find(f.schoolId()).map(School::name)
                    .orElse(LocalizedText.of(f.schoolId(), f.schoolId()));
            ja.add(name.ja() + "（" + opened + "から" + days + "日）" + (f.hasCountermeasure() ? "対策あり" : "対策なし")
                    + "、担当: " + (f.owner() == null ? "未定" : f.owner()) + "、期限: "
                    + (f.dueDate() == null ? "未定" : f.dueDate().toString()));
            en.add(name.en() + " (since " + opened + ", " + days + " days), "
                    + (f.hasCountermeasure() ? "countermeasure recorded" : "no countermeasure") + ", owner: "
                    + (f.owner() == null ? "none" : f.owner()) + ", due: "
                    + (f.dueDate() == null ? "none" : f.dueDate().toString()));
        }
        if (open.size() > NAMED) {
            ja.add("ほか" + (open.size() - NAMED) + "件");
            en.add("and " + (open.size() - NAMED) + " more");
        }
        return Optional.of(new Lines(ja, en));
    }
}
