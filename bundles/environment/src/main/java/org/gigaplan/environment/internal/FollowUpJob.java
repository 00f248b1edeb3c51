package org.gigaplan.environment.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.NoticeKind;
import org.gigaplan.plan.notify.Notifier;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.security.Role;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.SchoolService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Follow-up of policy 3: each finding opened is told to its school and the board (at once when a batch of
 * measurements opens it, and again by this job if that was missed); a finding open {@code escalateAfterDays} without
 * a countermeasure, or past its due date, is escalated to the board once; a school whose speed-test agent sent
 * nothing for {@code agentSilentDays} is told, and the board, and told once when it sends again.
 */
@Component(service = { ScheduledJob.class, FollowUpJob.class }, configurationPid = EnvironmentConfig.PID)
public class FollowUpJob implements ScheduledJob {

    static final String FINDING = "environment.finding";
    static final String ESCALATION = "environment.finding-escalation";
    static final String AGENT = "environment.agent-silent";

    private final NetworkService network;
    private final SchoolService schools;
    private final Notifier notifier;
    private final Database db;

    @Activate
    public FollowUpJob(@Reference NetworkService network, @Reference SchoolService schools,
            @Reference Notifier notifier, @Reference Database db) {
        this.network = network;
        this.schools = schools;
        this.notifier = notifier;
        this.db = db;
    }

    @Override
    public String id() {
        return "environment.follow-up";
    }

    @Override
    public LocalizedText name() {
        return LocalizedText.of("ネットワークの指摘・速度測定エージェントの確認", "Network findings and speed-test agents");
    }

    @Override
    public List<NoticeKind> kinds() {
        return List.of(new NoticeKind(FINDING, LocalizedText.of("ネットワークの指摘（推奨帯域を下回った）",
                "Network findings (below the recommended bandwidth)"), Set.of(Role.SCHOOL, Role.BOARD)),
                new NoticeKind(ESCALATION, LocalizedText.of("対策のない指摘・期限切れの指摘",
                        "Findings without a countermeasure or overdue"), Set.of(Role.BOARD)),
                new NoticeKind(AGENT, LocalizedText.of("速度測定エージェントの停止・復旧", "Speed-test agent silent or back"),
                        Set.of(Role.SCHOOL, Role.BOARD)));
    }

    @Override
    public Schedule schedule() {
        return Schedule.parse(network.config().followUpSchedule());
    }

    @Override
    public String run(Run run) {
        ZoneId zone = network.clock().zone();
        int told = 0;
        int escalated = 0;
        for (Finding f : network.findings(null, true)) {
            told += announce(f) ? 1 : 0;
            escalated += escalate(f, run.day(), zone) ? 1 : 0;
        }
        int silent = 0;
        int back = 0;
        for (NetworkService.AgentChange change : network.agentChanges(run.now(),
                Duration.ofDays(network.config().agentSilentDays()))) {
            Notice toSchool = agentNotice(change, Audience.school(change.schoolId()), zone);
            Notice toBoard = agentNotice(change, Audience.board(), zone);
            notifier.send(toSchool);
            notifier.send(toBoard);
            network.agentTold(change);
            if (change.silent()) {
                silent++;
            } else {
                back++;
            }
        }
        return told + " findings told, " + escalated + " escalated, " + silent + " agents silent, " + back + " back";
    }

    /**
     * Tells the school and the board of findings a write opened, as soon as the write is stored: right after it
     * commits, in a transaction of its own. Told inside the write, a conflict over the notice (Derby's identity
     * values, under load) undid the measurements with it and the agent was answered 503. A node stopping between the
     * two leaves the telling to this job's next run, which tells every open finding not told yet.
     */
    public void announceOnceStored(java.util.List<Long> findingIds) {
        for (long id : findingIds) {
            db.afterCommit(() -> network.finding(id).ifPresent(this::announce));
        }
    }

    /** Tells a finding's school and the board that it was opened (once). @return whether it was news */
    public boolean announce(Finding f) {
        ZoneId zone = network.clock().zone();
        LocalDate opened = LocalDate.ofInstant(f.openedAt(), zone);
        String name = schoolName(f.schoolId()).ja();
        String nameEn = schoolName(f.schoolId()).en();
        LocalizedText subject = LocalizedText.of("ネットワークが推奨帯域を下回っています — " + name,
                "Network below the recommended bandwidth — " + nameEn);
        LocalizedText body = LocalizedText.of(name + "の測定（" + opened + "まで）の中央値は" + mbps(f.openedMbps())
                + " Mbpsで、当面の推奨帯域" + mbps(f.recommendedMbps()) + " Mbpsを下回りました（指摘 " + f.id() + "）。\n\n"
                + "原因と対策を指摘に記録してください。担当と期限も設定できます。",
                nameEn + ": the median of its measurements up to " + opened + " is " + mbps(f.openedMbps())
                        + " Mbps, below the recommended " + mbps(f.recommendedMbps()) + " Mbps (finding " + f.id()
                        + ").\n\nRecord the cause and the countermeasure on the finding; you can also set who acts "
                        + "on it and by when.");
        int fy = FiscalYear.containing(opened).year();
        boolean school = notifier.send(new Notice(FINDING, FINDING + "/" + f.id() + "/school",
                Audience.school(f.schoolId()), subject, body, "#/network", f.schoolId(), fy));
        boolean board = notifier.send(new Notice(FINDING, FINDING + "/" + f.id() + "/board", Audience.board(), subject,
                body, "#/network", f.schoolId(), fy));
        return school || board;
    }

    /** Escalates an open finding to the board: without a countermeasure for long, or past its due date (once each). */
    private boolean escalate(Finding f, LocalDate today, ZoneId zone) {
        LocalDate opened = LocalDate.ofInstant(f.openedAt(), zone);
        long days = java.time.temporal.ChronoUnit.DAYS.between(opened, today);
        LocalizedText name = schoolName(f.schoolId());
        int fy = FiscalYear.containing(today).year();
        boolean sent = false;
        if (!f.hasCountermeasure() && days >= network.config().escalateAfterDays()) {
            sent |= notifier.send(new Notice(ESCALATION, ESCALATION + "/" + f.id() + "/no-countermeasure",
                    Audience.board(), LocalizedText.of("対策の記録がない指摘（" + days + "日）— " + name.ja(),
                            "Finding without a countermeasure for " + days + " days — " + name.en()),
                    LocalizedText.of(name.ja() + "の指摘 " + f.id() + "（" + opened + "から）に、" + days
                            + "日たっても対策が記録されていません。" + owner(f, true),
                            "Finding " + f.id() + " of " + name.en() + " (since " + opened + ") has no countermeasure "
                                    + "recorded after " + days + " days." + owner(f, false)),
                    "#/network", f.schoolId(), fy));
        }
        if (f.dueDate() != null && today.isAfter(f.dueDate())) {
            sent |= notifier.send(new Notice(ESCALATION, ESCALATION + "/" + f.id() + "/overdue/" + f.dueDate(),
                    Audience.board(), LocalizedText.of("期限を過ぎた指摘 — " + name.ja(), "Finding overdue — " + name.en()),
                    LocalizedText.of(name.ja() + "の指摘 " + f.id() + "は期限（" + f.dueDate() + "）を過ぎても解決していません。"
                            + owner(f, true), "Finding " + f.id() + " of " + name.en() + " is still open after its due "
                                    + "date (" + f.dueDate() + ")." + owner(f, false)),
                    "#/network", f.schoolId(), fy));
        }
        return sent;
    }

    private Notice agentNotice(NetworkService.AgentChange change, Audience to, ZoneId zone) {
        LocalizedText name = schoolName(change.schoolId());
        LocalDate last = LocalDate.ofInstant(change.lastSeen(), zone);
        String key = AGENT + "/" + change.schoolId() + "/" + change.lastSeen() + (change.silent() ? "/silent" : "/back")
                + "/" + to.code();
        LocalizedText subject = change.silent()
                ? LocalizedText.of("速度測定の結果が届いていません — " + name.ja(), "No speed tests arriving — " + name.en())
                : LocalizedText.of("速度測定の結果がまた届いています — " + name.ja(), "Speed tests arriving again — " + name.en());
        LocalizedText body = change.silent()
                ? LocalizedText.of(name.ja() + "の速度測定エージェントから、" + last + "の後の測定が届いていません。端末の電源と"
                        + "ネットワーク、APIキーを確認してください。届くまでこの学校は「データなし」になります。",
                        "The speed-test agent of " + name.en() + " has sent nothing since " + last + ". Check the device, its "
                                + "network and its API key. Until it sends, the school shows as having no data.")
                : LocalizedText.of(name.ja() + "の速度測定エージェントから、また測定が届くようになりました（停止前の最後の測定: " + last
                        + "）。", "The speed-test agent of " + name.en() + " is sending again (its last test before the "
                                + "silence: " + last + ").");
        return new Notice(AGENT, key, to, subject, body, "#/network", change.schoolId(),
                FiscalYear.containing(network.clock().today()).year());
    }

    private static String owner(Finding f, boolean japanese) {
        if (f.owner() == null && f.dueDate() == null) {
            return japanese ? "担当と期限は決まっていません。" : " No one is named to act on it, and it has no due date.";
        }
        return japanese ? "担当: " + (f.owner() == null ? "未定" : f.owner()) + "、期限: "
                + (f.dueDate() == null ? "未定" : f.dueDate()) + "。"
                : " Owner: " + (f.owner() == null ? "none" : f.owner()) + "; due: "
                        + (f.dueDate() == null ? "none" : f.dueDate()) + ".";
    }

    private LocalizedText schoolName(String id) {
        return schools.find(id).map(School::name).orElse(LocalizedText.of(id, id));
    }

    private static String mbps(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
