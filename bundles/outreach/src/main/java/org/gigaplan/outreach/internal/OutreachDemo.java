package org.gigaplan.outreach.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.gigaplan.plan.model.School;
import org.gigaplan.plan.spi.DemoContext;

/**
 * Synthetic outreach for the demo year: support-site posts in every state (published over the year, one scheduled,
 * one in review, one draft), staff meetings for every school in each term, and parent meetings for all but two
 * schools, which show up on the board's not-yet list.
 */
final class OutreachDemo {

    private static final String[][] POSTS = {
        { "NEWS", "FAMILIES", "ja", "家庭での端末の持ち帰りについて",
            "## 持ち帰りの目的\n\n家庭学習で**デジタルドリル**を使います。充電は毎晩お願いします。\n\n"
                + "- 使用は21時まで\n- フィルタリングは学校と同じです\n\n詳しくは[学校ホームページ](https://www.example.jp/)をご覧ください。" },
        { "SAFETY", "FAMILIES", "ja", "情報モラル：SNSとの付き合い方",
            "ご家庭でも、使う時間と場所のルールを話し合ってください。\n\n> 困ったときは一人で悩まず、大人に相談。" },
        { "LESSON", "ALL", "ja", "授業での活用事例：5年理科「天気の変化」",
            "気象データを端末で集め、**協働編集**で予想をまとめました。" },
        { "HOW_TO", "STUDENTS", "ja", "Wi-Fiにつながらないときは",
            "1. 端末を再起動する\n2. 機内モードを確認する\n3. それでもだめなら先生に伝える" },
        { "NEWS", "FAMILIES", "en", "Taking devices home: a guide for families",
            "Devices go home for **homework with digital drills**. Please charge them every night." },
        { "EVENT", "COMMUNITY", "ja", "GIGAスクール公開授業のお知らせ", "各区の拠点校で公開授業を行います。" },
    };

    private final PostService posts;
    private final MeetingService meetings;
    private final DemoContext context;
    private final RandomGenerator random;

    OutreachDemo(PostService posts, MeetingService meetings, DemoContext context) {
        this.posts = posts;
        this.meetings = meetings;
        this.context = context;
        this.random = context.random();
    }

    void fill() {
        LocalDate start = context.fiscalYear().start();
        LocalDate today = posts.today();
        LocalDate end = context.fiscalYear().end().isBefore(today) ? context.fiscalYear().end() : today;
        long days = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(start, end));
        for (int i = 0; i < POSTS.length; i++) {
            Post post = posts.create(draft(POSTS[i]), "demo", true);
            posts.move(post.id(), "REVIEW", null, null, "demo");
            Instant at = start.plusDays(days * (i + 1) / (POSTS.length + 1)).atTime(9, 0).atZone(posts.clock().zone()).toInstant();
            posts.move(post.id(), "PUBLISHED", at, "確認済み", "demo");
        }
        Post scheduled = posts.create(draft(new String[] { "NEWS", "FAMILIES", "ja", "冬休み中の端末利用について",
            "冬休み中も、家庭学習で端末を使えます。" }), "demo", true);
        posts.move(scheduled.id(), "REVIEW", null, null, "demo");
        posts.move(scheduled.id(), "PUBLISHED", posts.clock().now().plusSeconds(30L * 86_400), null, "demo");
        Post review = posts.create(draft(new String[] { "HOW_TO", "FAMILIES", "ja", "保護者向け：学習アプリの見守り機能",
            "学習アプリの保護者向け画面の使い方を紹介します。" }), "demo", true);
        posts.move(review.id(), "REVIEW", null, null, "demo");
        posts.create(draft(new String[] { "LESSON", "ALL", "ja", "（下書き）中学校での生成AI活用", "作成中" }), "demo", true);
        context.progress((POSTS.length + 3) + " support-site posts (one scheduled, one in review, one draft)");

        List<School> schools = context.schools();
        int staff = 0;
        int parent = 0;
        for (int i = 0; i < schools.size(); i++) {
            School school = schools.get(i);
            List<Meeting.Input> staffMeetings = new ArrayList<>();
            int count = 1 + random.nextInt(5);
            for (int m = 0; m < count; m++) {
                LocalDate day = start.plusDays(random.nextLong(days + 1));
                staffMeetings.add(new Meeting.Input(day, null, List.of("授業支援ソフトの活用事例の共有", "校内研修の予定"),
                        List.of("P4-S1"), 20 + random.nextInt(30), null));
            }
            staff += meetings.record(Meeting.Kind.STAFF, school.id(), staffMeetings, "demo", true);
            // Schools 1 and 4 (0-based) have not held their parent-meeting explanation yet.
            if (i == 1 || i == 4) {
                continue;
            }
            LocalDate day = start.plusDays(random.nextLong(Math.min(days, 120) + 1));
            parent += meetings.record(Meeting.Kind.PARENT, school.id(), List.of(new Meeting.Input(day, "全校保護者会",
                    List.of("1人1台端末の授業での使い方", "家庭での約束"), null, 50 + random.nextInt(150),
                    "説明資料「GIGAスクール構想と本校の取組」")), "demo", true);
        }
        context.progress(staff + " staff meetings and " + parent + " parent meetings (two schools not yet)");
    }

    private static Post.Draft draft(String[] p) {
        return new Post.Draft(p[3], "MARKDOWN", p[4], p[0], p[1], p[2]);
    }
}
