package org.gigaplan.platform.internal.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.internet.MimeMessage;
import javax.sql.DataSource;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.Schedule;
import org.gigaplan.plan.notify.ScheduledJob;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.security.Role;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.PlatformTables;
import org.gigaplan.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Notices, inboxes, mail through a real SMTP server (GreenMail on a free loopback port) and the scheduler, on each
 * database engine: two schedulers on one database are two nodes.
 */
abstract class NotifyContract {

    private static final Caller BOARD = new Caller("board-1", Role.BOARD, null);
    private static final Caller SCHOOL = new Caller("school-e01", Role.SCHOOL, "S-E01");
    private static final Caller OTHER_SCHOOL = new Caller("school-j01", Role.SCHOOL, "S-J01");

    abstract DataSource dataSource();

    private final DataSource ds = dataSource();
    private final org.gigaplan.testkit.TestClocks.Settable clock = org.gigaplan.testkit.TestClocks.at("2026-11-30T09:00");
    private int port;
    private GreenMail smtp;
    private PlatformDatabase db;
    private Outbox outbox;
    private Notifications notifications;

    private static Instant at(String local) {
        return org.gigaplan.testkit.TestClocks.Settable.instant(local);
    }

    static NotifyConfig config(Map<String, Object> values) {
        return (NotifyConfig) Proxy.newProxyInstance(NotifyConfig.class.getClassLoader(),
                new Class<?>[] { NotifyConfig.class }, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return NotifyConfig.class;
                    }
                    return method.getDefaultValue();
                });
    }

    @BeforeEach
    void setUp() throws IOException {
        new PlatformDatabase(ds);
        TestDatabase.on(ds).clear(PlatformTables.ALL);
        db = new PlatformDatabase(ds);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("smtpHost", "127.0.0.1");
        values.put("smtpPort", port);
        values.put("smtpSecurity", "none");
        values.put("dashboardUrl", "https://gigaplan.example.jp/dashboard/");
        values.put("maxAttempts", 3);
        values.put("nodeName", "node-a");
        NotifyConfig config = config(values);
        outbox = new Outbox(db, clock, config, false);
        notifications = new Notifications(db, clock, outbox, config, () -> (user, audience) -> true, () -> List.of(
                new org.gigaplan.plan.notify.NoticeKind("usage.not-reporting", LocalizedText.of("未報告", "Not reporting"),
                        java.util.Set.of(Role.SCHOOL)),
                new org.gigaplan.plan.notify.NoticeKind("usage.summary", LocalizedText.of("まとめ", "Summary"),
                        java.util.Set.of(Role.BOARD))));
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        outbox.stop();
    }

    private static Notice notice(String key, Audience to) {
        return new Notice("usage.not-reporting", key, to, LocalizedText.of("未報告のクラスがあります（S-E01、令和8年度）",
                "Classes not reporting (S-E01, FY2026)"), LocalizedText.of("5年1組が先週の記録をまだ出していません。",
                        "Class 5-1 has not reported last week."), "#/school/S-E01", "S-E01", 2026);
    }

    private void contact(Caller who, String email, String language, Map<String, Delivery> kinds) {
        notifications.setPreferences(who, new Notifications.Preferences(email, language, kinds));
    }

    private long rows(String table) {
        return TestDatabase.on(ds).transaction(c -> org.gigaplan.plan.service.Jdbc.first(c, "SELECT COUNT(*) FROM "
                + table, r -> r.getLong(1)).orElseThrow());
    }

    @Test
    void aTeacherTakenOffTheListTakesTheirNoticesAddressAndMailsWithThem() throws Exception {
        var teachers = new org.gigaplan.platform.internal.TeacherServiceImpl(db,
                new org.gigaplan.platform.internal.SchoolServiceImpl(db));
        teachers.replace("S-E01", List.of(new org.gigaplan.platform.internal.TeacherServiceImpl.Listed("T01", "青葉 一郎")),
                "board");
        Caller aoba = new Caller("aoba", Role.TEACHER, "S-E01", "T01");
        contact(aoba, "aoba@home.example.jp", "ja", Map.of());
        assertTrue(notifications.send(notice("t1", Audience.teacher("S-E01", "T01"))));
        assertTrue(notifications.send(notice("s1", Audience.school("S-E01"))));
        notifications.markRead(aoba, notifications.inbox(aoba, false, PageRequest.of(0, 20)).page().items().get(0).id());
        assertEquals(1, rows("gp_mail"), "the teacher's mail queued");

        assertEquals(1, teachers.remove("S-E01", "T01").orElseThrow().get("notifications"));
        for (String table : List.of("gp_contact", "gp_mail", "gp_notice_read", "gp_notify_pref")) {
            assertEquals(0, rows(table), table);
        }
        // Whoever is listed with the code next starts with an empty inbox; the school's notice stays the school's.
        teachers.replace("S-E01", List.of(new org.gigaplan.platform.internal.TeacherServiceImpl.Listed("T01", "別人")), "board");
        Caller next = new Caller("someone-else", Role.TEACHER, "S-E01", "T01");
        assertEquals(0, notifications.inbox(next, false, PageRequest.of(0, 20)).page().total());
        assertEquals(1, notifications.inbox(SCHOOL, false, PageRequest.of(0, 20)).page().total());
    }

    @Test
    void aUserMovedToAnotherSchoolIsNoLongerMailedTheFirstSchoolsNotices() throws Exception {
        Map<String, Caller> realm = new HashMap<>(Map.of("sato", new Caller("sato", Role.SCHOOL, "S-E01")));
        var directory = new org.gigaplan.platform.internal.security.UserDirectory() {
            @Override
            public java.util.Set<String> names() {
                return realm.keySet();
            }

            @Override
            public java.util.Optional<Caller> caller(String name) {
                return java.util.Optional.ofNullable(realm.get(name));
            }

            @Override
            public void add(String name, String password, List<String> roles) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void remove(String name) {
                realm.remove(name);
            }
        };
        Notifications mailing = new Notifications(db, clock, outbox, config(Map.of("smtpHost", "127.0.0.1",
                "smtpPort", port, "smtpSecurity", "none")), () -> Notifications.mailable(directory), List::of);
        mailing.setPreferences(realm.get("sato"), new Notifications.Preferences("sato@example.jp", "ja", Map.of()));
        assertTrue(mailing.send(notice("m1", Audience.school("S-E01"))));
        assertEquals(1, rows("gp_mail"), "staff of S-E01: mailed");
        realm.put("sato", new Caller("sato", Role.SCHOOL, "S-J01"));
        assertTrue(mailing.send(notice("m2", Audience.school("S-E01"))));
        assertEquals(1, rows("gp_mail"), "moved to S-J01: S-E01's notice is not mailed to them");
        realm.remove("sato");
        assertTrue(mailing.send(notice("m3", Audience.school("S-E01"))));
        assertEquals(1, rows("gp_mail"), "gone from the realm");
    }

    @Test
    void aNoticeReachesTheInboxAndIsMailedOnceThoughSentTwice() throws Exception {
        smtp.start();
        contact(SCHOOL, "joho@s-e01.example.jp", "ja", Map.of());
        contact(OTHER_SCHOOL, "joho@s-j01.example.jp", "ja", Map.of());

        assertTrue(notifications.send(notice("k1", Audience.school("S-E01"))));
        assertFalse(notifications.send(notice("k1", Audience.school("S-E01"))), "the same key is sent once");
        assertEquals(1, outbox.drain());
        assertEquals(0, outbox.drain());

        MimeMessage[] got = smtp.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("joho@s-e01.example.jp", got[0].getAllRecipients()[0].toString());
        assertEquals("[GIGA Plan] 未報告のクラスがあります（S-E01、令和8年度）", got[0].getSubject());
        String text = (String) got[0].getContent();
        assertTrue(text.contains("https://gigaplan.example.jp/dashboard/#/school/S-E01"), text);
        assertTrue(text.contains("年度: 令和8年度"), text);

        Notifications.Inbox inbox = notifications.inbox(SCHOOL, false, PageRequest.of(0, 20));
        assertEquals(1, inbox.page().total());
        assertEquals(1, inbox.unread());
        assertEquals(0, notifications.inbox(OTHER_SCHOOL, false, PageRequest.of(0, 20)).page().total(),
                "another school's staff do not see it");
        assertEquals(0, notifications.inbox(BOARD, false, PageRequest.of(0, 20)).page().total());

        long id = inbox.page().items().get(0).id();
        assertThrows(javax.ws.rs.NotFoundException.class, () -> notifications.markRead(OTHER_SCHOOL, id));
        assertTrue(notifications.markRead(SCHOOL, id).read());
        assertEquals(0, notifications.unread(SCHOOL));
    }

    @Test
    void mailWaitsWhileTheServerIsDownAndGoesOnceItIsBack() throws Exception {
        contact(BOARD, "kyoiku@city.example.jp", "en", Map.of());
        notifications.send(notice("k2", Audience.board()));

        assertEquals(0, outbox.drain(), "the server is down");
        Outbox.Delivery waiting = outbox.log(null, PageRequest.of(0, 10)).page().items().get(0);
        assertEquals("PENDING", waiting.state());
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.lastError() != null && !waiting.lastError().isBlank());
        assertEquals(clock.now().plus(Duration.ofSeconds(60)), waiting.nextAttemptAt());
        assertEquals(0, outbox.drain(), "not tried again before its time");

        smtp.start();
        clock.advance(Duration.ofSeconds(61));
        assertEquals(1, outbox.drain());
        assertEquals(0, outbox.drain());
        clock.advance(Duration.ofHours(2));
        assertEquals(0, outbox.drain());
        assertEquals(1, smtp.getReceivedMessages().length, "exactly once");
        assertEquals("[GIGA Plan] Classes not reporting (S-E01, FY2026)", smtp.getReceivedMessages()[0].getSubject());
        Outbox.Delivery sent = outbox.log("SENT", PageRequest.of(0, 10)).page().items().get(0);
        assertEquals(2, sent.attempts());
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailOnce() throws Exception {
        smtp.start();
        for (int i = 0; i < 12; i++) {
            contact(new Caller("staff-" + i, Role.SCHOOL, "S-E01"), "staff" + i + "@s-e01.example.jp", "ja", Map.of());
        }
        notifications.send(notice("k-two-nodes", Audience.school("S-E01")));
        notifications.send(notice("k-two-nodes-2", Audience.school("S-E01")));
        Map<String, Object> values = new HashMap<>();
        values.put("smtpHost", "127.0.0.1");
        values.put("smtpPort", port);
        values.put("smtpSecurity", "none");
        values.put("nodeName", "node-b");
        Outbox other = new Outbox(db, clock, config(values), false);
        try {
            AtomicInteger sent = new AtomicInteger();
            Thread a = new Thread(() -> sent.addAndGet(outbox.drain()));
            Thread b = new Thread(() -> sent.addAndGet(other.drain()));
            a.start();
            b.start();
            a.join();
            b.join();
            assertEquals(24, sent.get(), "the two nodes sent 24 between them");
            assertEquals(24, smtp.getReceivedMessages().length, "each of the 24 mails once");
            assertEquals(24L, outbox.log("SENT", PageRequest.of(0, 1)).page().total());
        } finally {
            other.stop();
        }
    }

    @Test
    void aMailFailsForGoodAfterItsAttemptsWithTheReason() {
        contact(BOARD, "kyoiku@city.example.jp", "ja", Map.of());
        notifications.send(notice("k3", Audience.board()));
        for (int i = 0; i < 3; i++) {
            outbox.drain();
            clock.advance(Duration.ofHours(1));
        }
        Outbox.Log log = outbox.log("FAILED", PageRequest.of(0, 10));
        assertEquals(1, log.page().total());
        assertEquals(3, log.page().items().get(0).attempts());
        assertEquals(0L, log.states().get("PENDING"));
        assertTrue(log.page().items().get(0).lastError().length() > 0);
    }

    @Test
    void eachUserGetsAKindAtOnceInTheWeeklyDigestOrNotByMail() throws Exception {
        smtp.start();
        Caller atOnce = new Caller("a", Role.SCHOOL, "S-E01");
        Caller digest = new Caller("b", Role.SCHOOL, "S-E01");
        Caller off = new Caller("c", Role.SCHOOL, "S-E01");
        contact(atOnce, "a@s-e01.example.jp", "ja", Map.of());
        contact(digest, "b@s-e01.example.jp", "ja", Map.of("usage.not-reporting", Delivery.DIGEST));
        contact(off, "c@s-e01.example.jp", "ja", Map.of("usage.not-reporting", Delivery.OFF));
        notifications.send(notice("k4", Audience.school("S-E01")));
        notifications.send(notice("k5", Audience.school("S-E01")));
        outbox.drain();
        assertEquals(List.of("a@s-e01.example.jp", "a@s-e01.example.jp"), recipients());

        clock.advance(Duration.ofDays(1));
        assertEquals(1, notifications.queueDigests(clock.now()));
        assertEquals(0, notifications.queueDigests(clock.now().plusSeconds(1)), "nothing new since the last digest");
        outbox.drain();
        assertEquals(List.of("a@s-e01.example.jp", "a@s-e01.example.jp", "b@s-e01.example.jp"), recipients());
        String digestText = (String) smtp.getReceivedMessages()[2].getContent();
        assertTrue(digestText.contains("この1週間のお知らせ（2件）"), digestText);
        for (Caller c : List.of(atOnce, digest, off)) {
            assertEquals(2, notifications.unread(c), "every one has both in the inbox");
        }
        assertEquals(2, notifications.markAllRead(off));
        assertEquals(0, notifications.unread(off));
        assertEquals(0, notifications.markAllRead(off), "read once");
        assertEquals(2, notifications.unread(digest), "another user's marks are their own");
        assertEquals(Delivery.DIGEST, notifications.preferences(digest).kinds().get("usage.not-reporting"));
        assertEquals(List.of("usage.not-reporting"), notifications.kinds(digest).stream()
                .map(Notifications.KindChoice::kind).toList(), "a school's staff choose for the kinds sent to schools");
        assertEquals("未報告", notifications.kinds(atOnce).get(0).name().ja());
        assertEquals(List.of("usage.summary"), notifications.kinds(BOARD).stream().map(Notifications.KindChoice::kind)
                .toList());
    }

    private List<String> recipients() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            out.add(m.getAllRecipients()[0].toString());
        }
        return out;
    }

    @Test
    void badPreferencesAreRefusedNamingTheField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> contact(SCHOOL, "not an address", "fr", Map.of()));
        assertEquals(List.of("email", "language"), e.errors().stream().map(f -> f.field()).toList());
        assertThrows(org.gigaplan.plan.security.AccessDeniedException.class,
                () -> notifications.inbox(new Caller("agent", Role.AGENT, "S-E01"), false, PageRequest.of(0, 5)));
    }

    /** A job that counts its runs. */
    static final class Counting implements ScheduledJob {
        final AtomicInteger runs = new AtomicInteger();
        final List<ScheduledJob.Run> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        public String id() {
            return "test.counting";
        }

        public LocalizedText name() {
            return LocalizedText.of("数える", "Counts");
        }

        public Schedule schedule() {
            return Schedule.parse("weekly MON 08:00");
        }

        public String run(Run run) {
            seen.add(run);
            return "run " + runs.incrementAndGet();
        }
    }

    private JobScheduler scheduler(String node) {
        return new JobScheduler(db, clock, config(Map.of("nodeName", node)), false);
    }

    @Test
    void twoNodesRunADueJobOnce() throws Exception {
        Counting job = new Counting();
        JobScheduler a = scheduler("node-a");
        JobScheduler b = scheduler("node-b");
        a.addJob(job);
        b.addJob(job);
        clock.set(at("2026-11-30T07:00"));
        a.tick();
        b.tick();
        assertEquals(0, job.runs.get(), "not due before Monday 08:00");
        clock.set(at("2026-11-30T08:00:05"));
        Thread ta = new Thread(a::tick);
        Thread tb = new Thread(b::tick);
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        assertEquals(1, job.runs.get());
        assertEquals(at("2026-11-30T08:00"), job.seen.get(0).dueAt());
        a.tick();
        b.tick();
        assertEquals(1, job.runs.get(), "once per due time");
        JobScheduler.JobView view = a.jobs().get(0);
        assertEquals(at("2026-12-07T08:00"), view.nextRunAt());
        assertEquals("OK", view.lastOutcome());
        assertEquals("run 1", view.lastDetail());
        a.stop();
        b.stop();
    }

    @Test
    void aRunMissedWhileDownRunsOnceAtTheNextStart() {
        Counting job = new Counting();
        clock.set(at("2026-11-27T12:00"));
        JobScheduler before = scheduler("node-a");
        before.addJob(job);
        before.tick();
        before.stop();
        clock.set(at("2026-12-22T10:00"));
        JobScheduler after = scheduler("node-a");
        after.addJob(job);
        after.tick();
        after.tick();
        assertEquals(1, job.runs.get(), "three Mondays missed, run once");
        assertEquals(at("2026-11-30T08:00"), job.seen.get(0).dueAt(), "for the first due time missed");
        assertEquals(at("2026-12-28T08:00"), after.jobs().get(0).nextRunAt(), "then on schedule from now");
        assertEquals("OK", after.runNow("test.counting").outcome());
        assertEquals(2, job.runs.get());
        assertEquals(at("2026-12-28T08:00"), after.jobs().get(0).nextRunAt(), "a run on demand keeps the schedule");
        after.stop();
    }

    @Test
    void aJobHeldByAnotherNodeIsNotRunUntilItsLeaseRunsOut() {
        Counting job = new Counting();
        JobScheduler a = scheduler("node-a");
        a.addJob(job);
        clock.set(at("2026-11-30T07:00"));
        a.tick();
        db.transaction(c -> new JobStore().lease(c, "test.counting", "node-dead", clock.now(),
                clock.now().plus(Duration.ofMinutes(90)), false));
        clock.set(at("2026-11-30T08:10"));
        a.tick();
        assertEquals(0, job.runs.get(), "node-dead holds it");
        clock.set(at("2026-11-30T09:00"));
        a.tick();
        assertEquals(1, job.runs.get(), "its lease ran out");
        a.stop();
    }
}
