package org.gigaplan.outreach.internal;

import static org.gigaplan.testkit.FakeSchools.school;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.gigaplan.outreach.internal.store.PostStore;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.School;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.spi.DemoContext;
import org.gigaplan.plan.spi.Scope;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.testkit.FakeEnablement;
import org.gigaplan.testkit.FakePlans;
import org.gigaplan.plan.model.SchoolType;
import org.gigaplan.testkit.FakeSchools;

import org.gigaplan.testkit.TestClocks;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posts, meetings and compliance over a real database, on Derby and PostgreSQL. */
abstract class OutreachContract {

    /** The real date in the default zone: these tests compare with now as it is. */
    static final PlanClock CLOCK = TestClocks.real();


    static final FiscalYear FY2025 = FiscalYear.of(2025);

    FakeSchools schools;
    FakeEnablement enablement;
    PostService posts;
    MeetingService meetings;

    abstract DataSource dataSource();

    static OutreachConfig config() {
        return new OutreachConfig() {
            public Class<? extends Annotation> annotationType() {
                return OutreachConfig.class;
            }

            public String[] termStarts() {
                return new String[] { "04-01", "10-01" };
            }

            public String siteTitleJa() {
                return "サイト";
            }

            public String siteTitleEn() {
                return "Site";
            }

            public String siteUrl() {
                return "";
            }

            public String complianceSchedule() {
                return "daily 08:00";
            }

            public String[] parentMeetingWarnDays() {
                return new String[] { "60,30", "7" };
            }
        };
    }

    @BeforeEach
    void fresh() {
        TestDatabase db = TestDatabase.on(dataSource());
        // The first service migrates the tables; the test's starts on them emptied.
        new PostService(db, CLOCK);
        db.clear("outreach_post_event", "outreach_post", "outreach_meeting");
        schools = FakeSchools.sample().add(
                school("O-1", "広報小学校", "Outreach Elementary", SchoolType.ELEMENTARY, 420, 14),
                school("O-2", "広報中学校", "Outreach Junior High", SchoolType.JUNIOR_HIGH, 560, 16),
                school("O-3", "広報分校", "Outreach Branch", SchoolType.ELEMENTARY, 40, 2));
        enablement = new FakeEnablement();
        posts = new PostService(db, CLOCK);
        meetings = new MeetingService(db, schools, enablement, FakePlans.shipped(), posts, config());
    }

    static Post.Draft draft(String title, String body) {
        return new Post.Draft(title, null, body, "NEWS", "FAMILIES", null);
    }

    long publicCount() {
        return posts.published(null, null, null, PageRequest.of(0, 100)).total();
    }

    @Test
    void aDraftIsNeverPublicAndAPublishedPostIsSanitised() {
        Post draft = posts.create(draft("端末の持ち帰り", "家庭学習で使います。<script>alert('x')</script>"), "board", false);
        assertEquals(Post.Status.DRAFT, draft.status());
        assertEquals(0, publicCount());
        assertTrue(posts.publishedPost(draft.id()).isEmpty());
        // Straight from DRAFT to PUBLISHED is not a move: a 409 on status, worded in Japanese too.
        Post.Refused skip = assertThrows(Post.Refused.class, () -> posts.move(draft.id(), "PUBLISHED", null, null,
                "board"));
        assertTrue(skip.japanese().startsWith("DRAFT の記事は PUBLISHED にできません"), skip.japanese());
        var api = new org.gigaplan.outreach.internal.rest.PostResource(posts, new org.gigaplan.testkit.FakeAudit());
        var conflict = assertThrows(org.gigaplan.plan.rest.ConflictException.class, () -> api.move(draft.id(),
                new org.gigaplan.outreach.internal.rest.PostResource.Move("PUBLISHED", null, null),
                new org.gigaplan.plan.security.Caller("board", org.gigaplan.plan.security.Role.BOARD, null)));
        assertEquals("status", conflict.field());
        assertEquals(skip.japanese(), conflict.japanese());
        posts.move(draft.id(), "REVIEW", null, null, "board");
        assertEquals(0, publicCount(), "in review: still not public");
        assertThrows(Post.Refused.class, () -> posts.edit(draft.id(), draft("書き換え", "本文"), "board"),
                "what a reviewer looks at changes only through review");
        posts.move(draft.id(), "PUBLISHED", null, "確認済み", "board");
        Post.Published seen = posts.publishedPost(draft.id()).orElseThrow();
        assertFalse(seen.html().contains("<script"), seen.html());
        assertTrue(seen.html().contains("&lt;script&gt;"), seen.html());
        assertEquals(1, publicCount());
        Post full = posts.find(draft.id()).orElseThrow();
        assertEquals(List.of("CREATED", "SUBMITTED", "PUBLISHED"), full.history().stream().map(Post.Event::action).toList());
        assertEquals("確認済み", full.history().get(2).note());
        // Archived: gone for readers, kept for the board, not editable until back in DRAFT.
        posts.move(draft.id(), "ARCHIVED", null, null, "board");
        assertEquals(0, publicCount());
        assertThrows(Post.Refused.class, () -> posts.edit(draft.id(), draft("新しい題", "本文"), "board"));
        posts.move(draft.id(), "DRAFT", null, null, "board");
        assertEquals("新しい題", posts.edit(draft.id(), draft("新しい題", "本文"), "board").title());
        assertThrows(java.util.NoSuchElementException.class, () -> posts.move(999_999, "REVIEW", null, null, "board"));
    }

    @Test
    void aScheduledPostAppearsAtItsTime() {
        Post later = posts.create(draft("冬休み", "お知らせ"), "board", false);
        posts.move(later.id(), "REVIEW", null, null, "board");
        Post scheduled = posts.move(later.id(), "PUBLISHED", Instant.now().plusSeconds(3600), null, "board");
        assertTrue(scheduled.scheduledAt(Instant.now()));
        assertEquals("SCHEDULED", scheduled.history().get(scheduled.history().size() - 1).action());
        assertEquals(0, publicCount());
        assertTrue(posts.publishedPost(later.id()).isEmpty());
        Post earlier = posts.create(draft("春", "お知らせ"), "board", false);
        posts.move(earlier.id(), "REVIEW", null, null, "board");
        posts.move(earlier.id(), "PUBLISHED", Instant.now().minusSeconds(60), null, "board");
        assertEquals(1, publicCount(), "a publication time in the past is visible at once");
        assertEquals(1, posts.activity(CLOCK.currentFiscalYear()).published(),
                "the scheduled post is not counted before its time");
    }

    @Test
    void badPostsAreRefusedNamingEveryFieldAndNothingIsStored() {
        assertRefusedInJapanese(List.of("title", "format", "category", "audience", "lang"), () -> posts.create(
                new Post.Draft("<b>太字</b>", "WORD", "本文", "GOSSIP", "EVERYONE", "fr"), "board", false));
        assertRefused(List.of("title", "body"), () -> posts.create(new Post.Draft(" ", null, "", "NEWS", "ALL", "ja"),
                "board", false));
        assertRefused(List.of("body"), () -> posts.create(new Post.Draft("t", "HTML", "<script>x()</script>", "NEWS",
                "ALL", "ja"), "board", false));
        assertRefused(List.of("body"), () -> posts.create(new Post.Draft("t", null, "x".repeat(PostService.MAX_BODY + 1),
                "NEWS", "ALL", "ja"), "board", false));
        assertRefused(List.of("title"), () -> posts.create(new Post.Draft("Word\u000bから", null, "本文", "NEWS", "ALL",
                "ja"), "board", false));
        assertEquals(0, posts.list(new PostStore.Query(null, null, null, null, null), PageRequest.of(0, 10)).total());
        Post p = posts.create(draft("t", "b"), "board", false);
        assertRefusedInJapanese(List.of("status"), () -> posts.move(p.id(), "LIVE", null, null, "board"));
        assertRefusedInJapanese(List.of("publishAt"), () -> posts.move(p.id(), "REVIEW", Instant.now(), null, "board"));
    }

    @Test
    void postsPublishedPerMonthAreTheIndicator() {
        Instant may = LocalDate.of(2025, 5, 10).atTime(9, 0).atZone(CLOCK.zone()).toInstant();
        Instant june = LocalDate.of(2025, 6, 1).atTime(9, 0).atZone(CLOCK.zone()).toInstant();
        Instant march = LocalDate.of(2026, 3, 31).atTime(23, 0).atZone(CLOCK.zone()).toInstant();
        Instant april = LocalDate.of(2026, 4, 1).atTime(0, 30).atZone(CLOCK.zone()).toInstant();
        for (Instant at : List.of(may, june, june, march, april)) {
            Post p = posts.create(draft("t", "b"), "board", false);
            posts.move(p.id(), "REVIEW", null, null, "board");
            posts.move(p.id(), "PUBLISHED", at, null, "board");
        }
        // Archiving does not undo a publication.
        posts.move(posts.list(new PostStore.Query(null, null, null, null, null), PageRequest.of(0, 1)).items().get(0).id(),
                "ARCHIVED", null, null, "board");
        PostService.Activity fy = posts.activity(FY2025);
        assertEquals(4, fy.published(), "March 31 23:00 in Japan is FY2025, April 1 is not");
        assertEquals(12, fy.months().size());
        assertEquals(List.of(0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1), fy.months().stream().map(PostService.Month::published).toList());
        OutreachModule module = new OutreachModule(posts, meetings);
        assertEquals(4.0, module.value(OutreachModule.POSTS, Scope.city(), FY2025).orElseThrow().value());
        assertTrue(module.value(OutreachModule.POSTS, Scope.school("O-1"), FY2025).isEmpty(), "a city-level count");
    }

    @Test
    void staffMeetingsAreCountedPerSchoolAndTerm() {
        meetings.record(Meeting.Kind.STAFF, "O-1", List.of(staff("2025-09-30"), staff("2025-10-01"), staff("2026-03-31")),
                "school", false);
        meetings.record(Meeting.Kind.STAFF, "O-2", List.of(staff("2025-04-01"), staff("2026-04-01")), "school", false);
        Meeting.StaffCounts counts = meetings.staffCounts(FY2025, null);
        assertEquals(List.of("前期", "後期"), counts.terms().stream().map(t -> t.ja()).toList());
        List<Meeting.SchoolCounts> ours = counts.schools().stream().filter(c -> c.schoolId().startsWith("O-")).toList();
        assertEquals(List.of(1, 2), ours.get(0).perTerm());
        assertEquals(List.of(1, 0), ours.get(1).perTerm());
        assertEquals(List.of(0, 0), ours.get(2).perTerm());
        assertEquals(4, counts.meetings());
        assertEquals(14, counts.schools().size(), "three schools of ours and the eleven sample schools");
        assertEquals(0.3, counts.perSchool(), "4 meetings over 14 schools");
        OutreachModule module = new OutreachModule(posts, meetings);
        assertEquals(0.3, module.value(OutreachModule.STAFF_MEETING, Scope.city(), FY2025).orElseThrow().value());
        assertEquals(3.0, module.value(OutreachModule.STAFF_MEETING, Scope.school("O-1"), FY2025).orElseThrow().value());
        assertEquals(List.of("P4-S1"), meetings.meetings(Meeting.Kind.STAFF, "O-1", FY2025).get(0).planItems());
        // A school switched off is left out of the city.
        enablement.set(PostService.MODULE_ID, "O-1", false, "board");
        assertEquals(0.1, meetings.staffCounts(FY2025, null).perSchool(), "1 meeting over 13 schools");
    }

    @Test
    void badMeetingsAreRefusedAndNothingIsStored() {
        LocalDate tomorrow = CLOCK.today().plusDays(1);
        assertRefusedInJapanese(List.of("[1].heldOn", "[1].planItems[0]", "[2].topics", "[2].attendees",
                "[2].materials"),
                () -> meetings.record(Meeting.Kind.STAFF, "O-1", List.of(staff("2025-06-01"),
                        new Meeting.Input(tomorrow, null, List.of("x"), List.of("P9-X9"), null, null),
                        new Meeting.Input(LocalDate.of(2025, 6, 2), null, List.of(), null, -1, "slides")), "school", false));
        assertRefused(List.of("[0].planItems"), () -> meetings.record(Meeting.Kind.PARENT, "O-1",
                List.of(staff("2025-06-01")), "school", false));
        // An action item is of the meeting's year: FY2024 had no action plan (the shipped plan's first is FY2025's).
        assertRefused(List.of("[0].planItems[0]"), () -> meetings.record(Meeting.Kind.STAFF, "O-1",
                List.of(staff("2024-06-03")), "school", false));
        assertRefused(List.of("schoolId"), () -> meetings.record(Meeting.Kind.PARENT, "O-9", List.of(parent("2025-06-01")),
                "school", false));
        assertRefusedInJapanese(List.of("body"), () -> meetings.record(Meeting.Kind.PARENT, "O-1", List.of(), "school",
                false));
        assertTrue(meetings.meetings(Meeting.Kind.STAFF, "O-1", FY2025).isEmpty());
        assertTrue(meetings.meetings(Meeting.Kind.PARENT, "O-1", FY2025).isEmpty());
    }

    @Test
    void complianceAroundTheFiscalYearBoundary() {
        meetings.record(Meeting.Kind.PARENT, "O-1", List.of(parent("2026-03-31")), "school", false);
        meetings.record(Meeting.Kind.PARENT, "O-2", List.of(parent("2026-04-01")), "school", false);
        // Three schools of ours and the eleven sample schools, which hold no meetings here.
        Meeting.Compliance lastDay = meetings.compliance(FY2025, LocalDate.of(2026, 3, 31));
        assertEquals(List.of("O-2", "O-3"), ours(lastDay));
        assertEquals(1, lastDay.daysLeft(), "March 31 itself is left");
        assertEquals(14, lastDay.schools());
        assertEquals(7.1, lastDay.share(), "1 of 14");
        Meeting.Compliance dayBefore = meetings.compliance(FY2025, LocalDate.of(2026, 3, 30));
        assertEquals(List.of("O-1", "O-2", "O-3"), ours(dayBefore), "O-1's meeting had not been held on March 30");
        assertEquals(2, dayBefore.daysLeft());
        Meeting.Compliance firstDay = meetings.compliance(FiscalYear.of(2026), LocalDate.of(2026, 4, 1));
        assertEquals(List.of("O-1", "O-3"), ours(firstDay), "a new year: O-1's March meeting counts for the year before");
        assertEquals(365, firstDay.daysLeft());
        assertRefusedInJapanese(List.of("date"), () -> meetings.compliance(FY2025, LocalDate.of(2026, 4, 1)));
        // The year is over: as of its last day, nothing left.
        Meeting.Compliance over = meetings.compliance(FY2025, null);
        assertEquals(LocalDate.of(2026, 3, 31), over.asOf());
        assertEquals(0, over.daysLeft());
        Meeting.Compliance future = meetings.compliance(FiscalYear.of(2099), null);
        assertEquals(LocalDate.of(2099, 4, 1), future.asOf(), "a year not begun: as of its first day");
        assertEquals(365, future.daysLeft());
        assertEquals(14, future.notYet().size());
        OutreachModule module = new OutreachModule(posts, meetings);
        assertEquals(7.1, module.value(OutreachModule.PARENT_MEETING, Scope.city(), FY2025).orElseThrow().value());
        assertEquals(100.0, module.value(OutreachModule.PARENT_MEETING, Scope.school("O-1"), FY2025).orElseThrow().value());
        assertEquals(0.0, module.value(OutreachModule.PARENT_MEETING, Scope.school("O-3"), FY2025).orElseThrow().value());
        enablement.set(PostService.MODULE_ID, "O-3", false, "board");
        assertEquals(7.7, meetings.compliance(FY2025, LocalDate.of(2026, 3, 31)).share(), "switched off: 1 of 13");
    }

    @Test
    void schoolsWithoutAParentMeetingAreToldSixtyThirtyAndSevenDaysBeforeTheYearEndsOnce() {
        meetings.record(Meeting.Kind.PARENT, "O-1", List.of(parent("2025-11-20")), "school", false);
        org.gigaplan.testkit.FakeNotifier notifier = new org.gigaplan.testkit.FakeNotifier();
        ComplianceJob job = new ComplianceJob(meetings, notifier, config());
        java.util.function.Function<LocalDate, String> runOn = day -> {
            java.time.Instant at = day.atTime(8, 0).atZone(java.time.ZoneId.of("Asia/Tokyo")).toInstant();
            return job.run(new org.gigaplan.plan.notify.ScheduledJob.Run(at, day, at));
        };
        // 61 days before March 31, 2026: nothing yet.
        assertTrue(runOn.apply(LocalDate.of(2026, 1, 29)).contains("no warning is due"));
        assertTrue(notifier.sent().isEmpty());
        // 60 days before: O-2, O-3 and the eleven sample schools, and the board's list.
        String sixty = runOn.apply(LocalDate.of(2026, 1, 30));
        assertTrue(sixty.startsWith("13 of 14 schools without a parent meeting in FY2025, 60 days"), sixty);
        org.gigaplan.plan.notify.Notice o3 = notifier.sentTo(org.gigaplan.plan.notify.Audience.school("O-3")).get(0);
        assertEquals("outreach.parent-meeting", o3.kind());
        assertTrue(o3.subject().ja().contains("広報分校") && o3.subject().ja().contains("令和7年度"), o3.subject().ja());
        assertTrue(o3.body().ja().contains("あと60日"), o3.body().ja());
        assertTrue(notifier.sentTo(org.gigaplan.plan.notify.Audience.school("O-1")).isEmpty(), "O-1 held one");
        assertEquals(1, notifier.sentTo(org.gigaplan.plan.notify.Audience.board()).size());
        assertEquals(14, notifier.sent().size());
        // The days after, still in the 60-day stage: nothing again.
        runOn.apply(LocalDate.of(2026, 1, 31));
        runOn.apply(LocalDate.of(2026, 2, 27));
        assertEquals(14, notifier.sent().size());
        // O-2 holds one; at 30 days (a node was down on March 1: told on March 2 instead) the others again.
        meetings.record(Meeting.Kind.PARENT, "O-2", List.of(parent("2026-02-20")), "school", false);
        runOn.apply(LocalDate.of(2026, 3, 2));
        assertEquals(1, notifier.sentTo(org.gigaplan.plan.notify.Audience.school("O-2")).size(), "told at 60 only");
        assertEquals(2, notifier.sentTo(org.gigaplan.plan.notify.Audience.school("O-3")).size());
        runOn.apply(LocalDate.of(2026, 3, 24));
        assertEquals(3, notifier.sentTo(org.gigaplan.plan.notify.Audience.school("O-3")).size(), "and at 7 days");
        assertEquals(3, notifier.sentTo(org.gigaplan.plan.notify.Audience.board()).size());
        assertEquals(java.util.OptionalInt.of(7), ComplianceJob.stage(new int[] { 60, 30, 7 }, 0));
    }

    static List<String> ours(Meeting.Compliance c) {
        return c.notYet().stream().map(Meeting.Missing::schoolId).filter(id -> id.startsWith("O-")).toList();
    }

    @Test
    void demoDataHasEveryPostStateAndSchoolsNotYetCompliant() {
        List<School> sample = schools.all().stream().filter(School::sample).toList();
        new OutreachModule(posts, meetings).fillDemoData(new DemoContext() {
            public FiscalYear fiscalYear() {
                return FY2025;
            }

            public List<School> schools() {
                return sample;
            }

            public RandomGenerator random() {
                return new SplittableRandom(7);
            }

            public void progress(String message) {
            }
        });
        assertEquals(2, meetings.compliance(FY2025, null).notYet().stream()
                .filter(m -> sample.stream().anyMatch(s -> s.id().equals(m.schoolId()))).count());
        assertTrue(publicCount() >= 6);
        Instant now = Instant.now();
        List<Post> all = posts.list(new PostStore.Query(null, null, null, null, null), PageRequest.of(0, 100)).items();
        assertTrue(all.stream().anyMatch(p -> p.scheduledAt(now)));
        assertTrue(all.stream().anyMatch(p -> p.status() == Post.Status.REVIEW));
        assertTrue(all.stream().anyMatch(p -> p.status() == Post.Status.DRAFT));
        assertTrue(meetings.staffCounts(FY2025, null).perSchool() > 0);
    }

    @Test
    void termStartsMustFollowTheSchoolYear() {
        assertEquals(3, MeetingService.termStarts(new String[] { "04-01,09-01", "01-08" }).size());
        assertThrows(IllegalArgumentException.class, () -> MeetingService.termStarts(new String[] { "04-01", "01-08",
                "09-01" }));
        assertThrows(IllegalArgumentException.class, () -> MeetingService.termStarts(new String[] { "04-01", "04-01" }));
    }

    static Meeting.Input staff(String day) {
        return new Meeting.Input(LocalDate.parse(day), null, List.of("授業支援ソフトの活用事例"), List.of("P4-S1"), 30, null);
    }

    static Meeting.Input parent(String day) {
        return new Meeting.Input(LocalDate.parse(day), "全校保護者会", List.of("端末の使い方"), null, 120, "資料");
    }

    static void assertRefused(List<String> fields, Executable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::execute);
        List<String> got = e.errors().stream().map(InvalidInputException.FieldError::field).toList();
        assertEquals(fields, got, () -> "errors: " + e.errors());
    }

    /** Refused naming the fields, each with what is wrong in Japanese too (school staff read answers in Japanese). */
    static void assertRefusedInJapanese(List<String> fields, Executable write) {
        InvalidInputException e = assertThrows(InvalidInputException.class, write::execute);
        assertEquals(fields, e.errors().stream().map(InvalidInputException.FieldError::field).toList(),
                () -> "errors: " + e.errors());
        assertTrue(e.errors().stream().allMatch(x -> x.japanese() != null), () -> "without Japanese: " + e.errors());
    }

    interface Executable {
        void execute();
    }
}
