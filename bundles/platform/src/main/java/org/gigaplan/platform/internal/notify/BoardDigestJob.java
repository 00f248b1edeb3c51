package org.gigaplan.platform.internal.notify;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.DigestSection;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.NoticeKind;
import org.gigaplan.plan.notify.Notifier;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.Jdbc;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.service.SchoolService;
import org.gigaplan.plan.spi.Scope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The board's monthly digest: the city's indicators whose status changed since the last digest (met, below…), the
 * schools with the most indicators below their targets, and what the installed modules add ({@link DigestSection},
 * e.g. the open findings of policy 3). One notice a month to the board, whose users get it as they chose.
 */
@Component(service = ScheduledJob.class, configurationPid = NotifyConfig.PID)
public class BoardDigestJob implements ScheduledJob {

    static final String KIND = "platform.board-digest";
    /** Schools named as most behind. */
    static final int MOST_BEHIND = 5;

    private final Database database;
    private final org.gigaplan.plan.service.PlanService plans;
    private final ProgressService progress;
    private final SchoolService schools;
    private final Notifier notifier;
    private final NotifyConfig config;
    private final List<DigestSection> sections = new CopyOnWriteArrayList<>();

    @Activate
    public BoardDigestJob(@Reference Database database, @Reference org.gigaplan.plan.service.PlanService plans,
            @Reference ProgressService progress, @Reference SchoolService schools, @Reference Notifier notifier,
            NotifyConfig config) {
        this.database = database;
        this.plans = plans;
        this.progress = progress;
        this.schools = schools;
        this.notifier = notifier;
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSection(DigestSection section) {
        sections.add(section);
    }

    void removeSection(DigestSection section) {
        sections.remove(section);
    }

    @Override
    public String id() {
        return "platform.board-digest";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("教育委員会への月次まとめ", "The board's monthly digest");
    }

    @Override
    public List<NoticeKind> kinds() {
        return List.of(new NoticeKind(KIND, LocalizedText.of("月次まとめ（指標の変化・遅れている学校など）",
                "Monthly digest (indicators that changed, schools behind…)"), Set.of(Role.BOARD)));
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(config.boardDigestSchedule());
    }

    /** An indicator whose city status changed since the last digest. */
    record Change(IndicatorProgress indicator, Status before) {
    }

    /** A school and how many of its indicators are below their targets. */
    record Behind(School school, int below) {
    }

    @Override
    public String run(Run run) {
        LocalDate day = run.day();
        FiscalYear fy = FiscalYear.containing(day);
        // A year the board has not written its action plan for yet: no indicators to judge, the modules' sections still.
        boolean planned = plans.plan().actionPlan(fy.year()).isPresent();
        List<IndicatorProgress> indicators = planned ? progress.report(fy, Scope.city()).policies().stream()
                .flatMap(p -> p.indicators().stream()).toList() : List.of();
        List<Change> changes = changes(fy.year(), indicators, run);
        List<Behind> behind = new ArrayList<>();
        for (School s : planned ? schools.all() : List.<School>of()) {
            int below = (int) progress.report(fy, Scope.school(s.id())).policies().stream()
                    .flatMap(p -> p.indicators().stream()).filter(i -> i.status() == Status.BELOW).count();
            if (below > 0) {
                behind.add(new Behind(s, below));
            }
        }
        behind.sort(Comparator.comparingInt(Behind::below).reversed().thenComparing(b -> b.school().id()));
        List<Behind> most = behind.subList(0, Math.min(MOST_BEHIND, behind.size()));
        YearMonth month = YearMonth.from(day);
        StringBuilder ja = new StringBuilder(fy.label().ja() + "、" + month.getYear() + "年" + month.getMonthValue()
                + "月のまとめです。\n");
        StringBuilder en = new StringBuilder(fy.label().en() + ": the digest of " + month + ".\n");
        if (!planned) {
            ja.append("\n").append(fy.label().ja()).append("の行動計画がまだありません。前年度の計画から作成できます（計画の編集）。\n");
            en.append("\nThere is no action plan for ").append(fy.label().en())
                    .append(" yet; the board can roll the previous year's forward (plan editor).\n");
        }
        ja.append("\n■ 状況が変わった指標（").append(changes.size()).append("件）\n");
        en.append("\n■ Indicators whose status changed (").append(changes.size()).append(")\n");
        for (Change c : changes) {
            ja.append("・").append(c.indicator().name().ja()).append(": ").append(c.before().label().ja()).append(" → ")
                    .append(c.indicator().status().label().ja()).append(value(c.indicator())).append('\n');
            en.append("- ").append(c.indicator().name().en()).append(": ").append(c.before().label().en()).append(" → ")
                    .append(c.indicator().status().label().en()).append(value(c.indicator())).append('\n');
        }
        if (changes.isEmpty()) {
            ja.append("（ありません）\n");
            en.append("(none)\n");
        }
        ja.append("\n■ 未達の指標が多い学校\n");
        en.append("\n■ Schools with the most indicators below target\n");
        for (Behind b : most) {
            ja.append("・").append(b.school().name().ja()).append("（").append(b.school().id()).append("）: 未達 ")
                    .append(b.below()).append("件\n");
            en.append("- ").append(b.school().name().en()).append(" (").append(b.school().id()).append("): ")
                    .append(b.below()).append(" below\n");
        }
        if (most.isEmpty()) {
            ja.append("（ありません）\n");
            en.append("(none)\n");
        }
        for (DigestSection section : sections) {
            Optional<DigestSection.Lines> lines = section.lines(day);
            if (lines.isPresent()) {
                ja.append("\n■ ").append(section.title().ja()).append('\n');
                en.append("\n■ ").append(section.title().en()).append('\n');
                lines.get().ja().forEach(l -> ja.append("・").append(l).append('\n'));
                lines.get().en().forEach(l -> en.append("- ").append(l).append('\n'));
            }
        }
        boolean sent = notifier.send(new Notice(KIND, KIND + "/" + month, Audience.board(),
                LocalizedText.of("月次まとめ " + month.getYear() + "年" + month.getMonthValue() + "月（" + fy.label().ja() + "）",
                        "Monthly digest, " + month + " (" + fy.label().en() + ")"),
                LocalizedText.of(ja.toString(), en.toString()), "#/city", null, fy.year()));
        return (sent ? "sent" : "already sent") + ": " + changes.size() + " indicators changed, " + behind.size()
                + " schools with indicators below target";
    }

    private static String value(IndicatorProgress i) {
        if (i.value() == null) {
            return "";
        }
        String unit = i.unit() == null ? "" : i.unit();
        return "（" + trim(i.value()) + unit + (i.target() == null ? "" : " / " + trim(i.target().value()) + unit) + "）";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /**
     * The indicators whose city status differs from the one the last digest of this fiscal year kept; then keeps
     * today's. The first digest of a year names none: it has nothing to compare with.
     */
    private List<Change> changes(int fiscalYear, List<IndicatorProgress> now, Run run) {
        return database.transaction(c -> {
            Map<String, Status> before = new HashMap<>();
            for (String[] row : Jdbc.list(c, "SELECT indicator_id, status FROM gp_digest_status WHERE fiscal_year = ?",
                    r -> new String[] { r.getString(1), r.getString(2) }, fiscalYear)) {
                try {
                    before.put(row[0], Status.valueOf(row[1]));
                } catch (IllegalArgumentException e) {
                    // a status no longer known: as if not kept
                }
            }
            List<Change> out = new ArrayList<>();
            Jdbc.update(c, "DELETE FROM gp_digest_status WHERE fiscal_year = ?", fiscalYear);
            for (IndicatorProgress i : now) {
                Status was = before.get(i.id());
                if (was != null && was != i.status()) {
                    out.add(new Change(i, was));
                }
                Jdbc.update(c, "INSERT INTO gp_digest_status (fiscal_year, indicator_id, status, taken_at) "
                        + "VALUES (?, ?, ?, ?)", fiscalYear, i.id(), i.status().name(), run.now());
            }
            return out;
        });
    }
}
