package org.gigaplan.platform.internal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.DigestSection;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.service.ModuleInfo;
import org.gigaplan.plan.service.ProgressReport;
import org.gigaplan.plan.service.ProgressReport.IndicatorProgress;
import org.gigaplan.plan.service.ProgressReport.Status;
import org.gigaplan.plan.service.ProgressService;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.FakeNotifier;
import org.gigaplan.testkit.FakeSchools;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board's monthly digest: indicators whose status changed, the schools most behind, the modules' sections. */
class BoardDigestTest {

    private static final DataSource DERBY = TestDatabase.derby("digest").dataSource();

    /** Statuses by scope ("city" or a school id) and indicator. */
    private final Map<String, Map<String, Status>> statuses = new HashMap<>();
    private final FakeNotifier notifier = new FakeNotifier();
    private BoardDigestJob job;

    private final ProgressService progress = new ProgressService() {
        @Override
        public ProgressReport report(FiscalYear fy, Scope scope) {
            String key = scope.schoolId() == null ? "city" : scope.schoolId();
            List<IndicatorProgress> indicators = statuses.getOrDefault(key, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new IndicatorProgress(e.getKey(), LocalizedText.of("指標" + e.getKey(), "Indicator " + e.getKey()),
                            null, "%", "test", null, new org.gigaplan.plan.model.Target(fy.year(), 80), 75.0, 10L, null,
                            e.getValue(), null, false))
                    .toList();
            return new ProgressReport(fy.year(), fy.label(), scope.schoolId(), Instant.EPOCH, false,
                    List.of(new ProgressReport.PolicyProgress(1, LocalizedText.of("方針1", "Policy 1"), List.of("test"),
                            indicators, List.of())));
        }

        @Override
        public List<ModuleInfo> modules() {
            return List.of();
        }
    };

    @BeforeEach
    void setUp() {
        new PlatformDatabase(DERBY);
        TestDatabase.on(DERBY).clear(PlatformTables.ALL);
        job = new BoardDigestJob(new PlatformDatabase(DERBY), org.gigaplan.testkit.FakePlans.shipped(), progress,
                FakeSchools.sample(), notifier, NotifyContract.config(Map.of()));
        job.addSection(new DigestSection() {
            @Override
            public LocalizedText title() {
                return LocalizedText.of("対応中の指摘", "Open findings");
            }

            @Override
            public Optional<Lines> lines(LocalDate day) {
                return Optional.of(new Lines(List.of("青葉台小学校（30日）"), List.of("Aobadai (30 days)")));
            }
        });
    }

    private String runOn(LocalDate day) {
        Instant at = day.atTime(8, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
        return job.run(new ScheduledJob.Run(at, day, at));
    }

    @Test
    void theBoardHearsMonthlyWhatChangedWhoIsBehindAndWhatTheModulesAdd() {
        statuses.put("city", new HashMap<>(Map.of("A", Status.MET, "B", Status.BELOW)));
        statuses.put("S-E01", Map.of("A", Status.BELOW, "B", Status.BELOW));
        statuses.put("S-E02", Map.of("A", Status.BELOW, "B", Status.MET));
        assertEquals("sent: 0 indicators changed, 2 schools with indicators below target", runOn(LocalDate.of(2025, 12, 1)));
        Notice first = notifier.sentTo(Audience.board()).get(0);
        assertEquals("platform.board-digest", first.kind());
        assertTrue(first.subject().ja().startsWith("月次まとめ 2025年12月（令和7年度）"), first.subject().ja());
        String body = first.body().ja();
        assertTrue(body.indexOf("S-E01）: 未達 2件") < body.indexOf("S-E02）: 未達 1件") && body.contains("S-E02）: 未達 1件"),
                body);
        assertTrue(body.contains("■ 対応中の指摘\n・青葉台小学校（30日）"), body);

        // A month later B met its target in the city.
        statuses.get("city").put("B", Status.MET);
        assertEquals("sent: 1 indicators changed, 2 schools with indicators below target", runOn(LocalDate.of(2026, 1, 1)));
        String january = notifier.sentTo(Audience.board()).get(1).body().ja();
        assertTrue(january.contains("・指標B: 未達 → 達成（75% / 80%）"), january);
        assertTrue(notifier.sentTo(Audience.board()).get(1).body().en().contains("- Indicator B: Below → Met"));
        assertEquals("already sent: 0 indicators changed, 2 schools with indicators below target",
                runOn(LocalDate.of(2026, 1, 1)));
        assertEquals(2, notifier.sent().size());

        // A year without an action plan yet (FY2026 in the shipped plan): said so, the modules' sections still there.
        assertEquals("sent: 0 indicators changed, 0 schools with indicators below target", runOn(LocalDate.of(2026, 5, 1)));
        String may = notifier.sentTo(Audience.board()).get(2).body().ja();
        assertTrue(may.contains("令和8年度の行動計画がまだありません") && may.contains("■ 対応中の指摘"), may);
    }
}
