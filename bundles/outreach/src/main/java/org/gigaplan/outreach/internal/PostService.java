package org.gigaplan.outreach.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.gigaplan.outreach.internal.store.PostStore;
import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The GIGA school support site's posts: the board writes them (Markdown or HTML, sanitised on every save), moves them
 * DRAFT → REVIEW → PUBLISHED (now or at a set time) → ARCHIVED, with REVIEW → DRAFT to send one back and ARCHIVED →
 * DRAFT to bring one back; every change is kept. Readers see only published posts whose time has come.
 */
@Component(service = PostService.class)
public class PostService {

    public static final String MODULE_ID = "outreach";

    public static final String CHANGELOG = "db/outreach/changelog.xml";

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 20_000;
    public static final int MAX_HTML = 32_000;
    public static final Set<String> LANGUAGES = Set.of("ja", "en");

    /** Where the schools are: their days, weeks and fiscal years. */

    /** Posts published in one month. */
    public record Month(YearMonth month, int published) {
    }

    /** Posts published in a fiscal year up to now, per month (the plan's indicator is the total). */
    public record Activity(int fiscalYear, List<Month> months, int published, boolean demo) {
    }

    private final Database db;
    private final PlanClock clock;
    private final PostStore store;

    @Activate
    public PostService(@Reference Database db, @Reference PlanClock clock) {
        db.migrate(CHANGELOG, PostService.class.getClassLoader());
        this.db = db;
        this.clock = clock;
        this.store = new PostStore(db);
    }

    /** A new draft; the post with its history. */
    public Post create(Post.Draft draft, String by, boolean demo) {
        Checked c = check(draft);
        Instant now = clock.now();
        long id = db.transaction(conn -> {
            long created = store.insert(conn, draft, c.format, c.html, c.category, c.audience, c.lang, by, now, demo);
            store.addEvent(conn, created, "CREATED", Post.Status.DRAFT, null, by, now);
            return created;
        });
        return store.find(id).orElseThrow();
    }

    /** Replaces a post's content; an archived post is brought back to DRAFT first. */
    public Post edit(long id, Post.Draft draft, String by) {
        Checked c = check(draft);
        Instant now = clock.now();
        db.transaction(conn -> {
            Post post = store.find(conn, id, true).orElseThrow(() -> notFound(id));
            if (post.status() != Post.Status.DRAFT) {
                // What readers see, or what a reviewer is looking at, changes only through review.
                throw new Post.Refused("post " + id + " is " + post.status() + ": move it back to DRAFT to edit it",
                        "記事 " + id + " は " + post.status() + " です。編集するには DRAFT に戻してください");
            }
            if (!store.update(conn, id, draft, c.format, c.html, c.category, c.audience, c.lang, now)) {
                throw new Post.Refused("post " + id + " left DRAFT meanwhile: move it back to DRAFT to edit it",
                        "記事 " + id + " はその間に DRAFT ではなくなりました。編集するには DRAFT に戻してください");
            }
            store.addEvent(conn, id, "EDITED", post.status(), null, by, now);
            return null;
        });
        return store.find(id).orElseThrow();
    }

    /**
     * Moves a post to another state, when that move is allowed; publishing takes {@code publishAt} (now when null)
     * and a time in the future schedules the post.
     */
    public Post move(long id, String status, Instant publishAt, String note, String by) {
        Post.Status to = EnumText.parse(Post.Status.values(), status).orElseThrow(() -> new InvalidInputException("status",
                "one of " + EnumText.names(Post.Status.values()) + ", was \"" + status + "\"",
                Post.choices(Post.Status.values()) + " のいずれかにしてください（\"" + status + "\"でした）"));
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "at most 500 characters, was " + note.length());
        }
        if (publishAt != null && to != Post.Status.PUBLISHED) {
            throw new InvalidInputException("publishAt", "only when publishing",
                    "公開日時（publishAt）は PUBLISHED にするときだけ指定できます");
        }
        // A time in the past is allowed: posts of the existing site come in with their original dates (the history
        // says when and by whom that was done).
        Instant now = clock.now();
        db.transaction(conn -> {
            Post post = store.find(conn, id, true).orElseThrow(() -> notFound(id));
            Post.Status from = post.status();
            String action = switch (from + ">" + to) {
                case "DRAFT>REVIEW" -> "SUBMITTED";
                case "REVIEW>DRAFT" -> "RETURNED";
                case "REVIEW>PUBLISHED" -> publishAt != null && publishAt.isAfter(now) ? "SCHEDULED" : "PUBLISHED";
                case "PUBLISHED>ARCHIVED" -> "ARCHIVED";
                case "PUBLISHED>DRAFT", "ARCHIVED>DRAFT" -> "WITHDRAWN";
                default -> throw new Post.Refused("a " + from + " post cannot move to " + to + ": "
                        + "DRAFT → REVIEW → PUBLISHED → ARCHIVED; REVIEW, PUBLISHED or ARCHIVED → DRAFT",
                        from + " の記事は " + to + " にできません（DRAFT → REVIEW → PUBLISHED → ARCHIVED の順に進み、"
                                + "REVIEW・PUBLISHED・ARCHIVED からは DRAFT に戻せます）");
            };
            Instant visibleFrom = switch (to) {
                case PUBLISHED -> publishAt == null ? now : publishAt;
                case ARCHIVED -> post.publishAt();
                default -> null;
            };
            if (!store.setStatus(conn, id, from, to, visibleFrom, now)) {
                throw new Post.Refused("post " + id + " was moved by someone else meanwhile: look at it again",
                        "記事 " + id + " の状態はその間に他の人が変えました。もう一度確認してください");
            }
            store.addEvent(conn, id, action, to, note == null || note.isBlank() ? null : note.trim(), by, now);
            return null;
        });
        return store.find(id).orElseThrow();
    }

    public Optional<Post> find(long id) {
        return store.find(id);
    }

    /** Every post for the board, filtered, newest first. */
    public Page<Post> list(PostStore.Query query, PageRequest page) {
        long[] total = new long[1];
        List<Post> items = store.list(query, page.offset(), page.limit(), total);
        return Page.of(items, page, total[0]);
    }

    /** What readers see: published posts whose time has come, newest first. */
    public Page<Post.Published> published(String lang, Post.Category category, Post.Audience audience, PageRequest page) {
        Page<Post> posts = list(new PostStore.Query(null, lang, category, audience, clock.now()), page);
        return new Page<>(posts.items().stream().map(Post::published).toList(), posts.offset(), posts.limit(),
                posts.total());
    }

    /** One post as readers see it; empty unless it is published and its time has come. */
    public Optional<Post.Published> publishedPost(long id) {
        Instant now = clock.now();
        return store.find(id).filter(p -> p.visibleAt(now)).map(Post::published);
    }

    /** Posts published per month of a fiscal year, up to now: the site's activity. */
    public Activity activity(FiscalYear fy) {
        Map<YearMonth, Integer> months = new LinkedHashMap<>();
        YearMonth last = YearMonth.from(fy.end());
        YearMonth today = YearMonth.from(clock.today());
        for (YearMonth m = YearMonth.from(fy.start()); !m.isAfter(last) && !m.isAfter(today); m = m.plusMonths(1)) {
            months.put(m, 0);
        }
        Instant from = fy.startIn(clock.zone());
        Instant end = fy.endIn(clock.zone());
        Instant now = clock.now();
        List<PostStore.Publication> publications = store.publications(from, end.isBefore(now) ? end : now);
        for (PostStore.Publication p : publications) {
            months.merge(YearMonth.from(p.at().atZone(clock.zone())), 1, Integer::sum);
        }
        return new Activity(fy.year(), months.entrySet().stream().map(e -> new Month(e.getKey(), e.getValue())).toList(),
                publications.size(), publications.stream().anyMatch(PostStore.Publication::demo));
    }

    private record Checked(Post.Format format, String html, Post.Category category, Post.Audience audience, String lang) {
    }

    private static Checked check(Post.Draft d) {
        if (d == null) {
            throw new InvalidInputException("body", "a post: {\"title\":…,\"body\":…,\"format\":\"MARKDOWN\","
                    + "\"category\":\"NEWS\",\"audience\":\"FAMILIES\",\"lang\":\"ja\"}",
                    "記事（題名・本文・分類・読み手）を送ってください");
        }
        FieldChecks check = new FieldChecks();
        if (controls(d.title()) || controls(d.body())) {
            check.add(controls(d.title()) ? "title" : "body", "control characters are not text (only line "
                    + "breaks and tabs are)", "制御文字は使えません（改行とタブは使えます）");
        }
        if (d.title() == null || d.title().isBlank()) {
            check.add("title", "required");
        } else if (d.title().trim().length() > MAX_TITLE) {
            check.add("title", "at most " + MAX_TITLE + " characters, was " + d.title().trim().length());
        } else if (PostHtml.hasMarkup(d.title())) {
            check.add("title", "plain text: no tags", "題名にはタグを使えません。文字だけにしてください");
        }
        Post.Format format = d.format() == null ? Post.Format.MARKDOWN
                : EnumText.parse(Post.Format.values(), d.format()).orElse(null);
        if (format == null) {
            check.add("format", "MARKDOWN or HTML, was \"" + d.format() + "\"",
                    "MARKDOWN か HTML にしてください（\"" + d.format() + "\"でした）");
        }
        if (d.body() == null || d.body().isBlank()) {
            check.add("body", "required");
        } else if (d.body().length() > MAX_BODY) {
            check.add("body", "at most " + MAX_BODY + " characters, was " + d.body().length());
        }
        Post.Category category = EnumText.parse(Post.Category.values(), d.category()).orElse(null);
        if (category == null) {
            check.add("category", "one of " + EnumText.names(Post.Category.values()) + ", was \""
                    + d.category() + "\"", Post.choices(Post.Category.values()) + " のいずれかにしてください（\""
                    + d.category() + "\"でした）");
        }
        Post.Audience audience = EnumText.parse(Post.Audience.values(), d.audience()).orElse(null);
        if (audience == null) {
            check.add("audience", "one of " + EnumText.names(Post.Audience.values()) + ", was \""
                    + d.audience() + "\"", Post.choices(Post.Audience.values()) + " のいずれかにしてください（\""
                    + d.audience() + "\"でした）");
        }
        String lang = d.lang() == null ? "ja" : d.lang().trim();
        if (!LANGUAGES.contains(lang)) {
            check.add("lang", "ja or en, was \"" + d.lang() + "\"", "ja か en にしてください（\"" + d.lang() + "\"でした）");
        }
        String html = null;
        if (check.ok()) {
            html = PostHtml.render(format, d.body());
            if (html.isEmpty()) {
                check.add("body", "nothing is left after removing what readers may not get",
                        "読み手に見せられない部分を除くと、何も残りません");
            } else if (html.length() > MAX_HTML) {
                check.add("body", "renders to more than " + MAX_HTML + " characters of HTML",
                        "HTMLにすると" + MAX_HTML + "文字を超えます。短くしてください");
            }
        }
        check.throwIfAny();
        return new Checked(format, html, category, audience, lang);
    }

    /** Characters that are not text and would break the Atom feed's XML. */
    private static boolean controls(String text) {
        return text != null && text.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                || c == 0x7f || c == 0xfffe || c == 0xffff);
    }

    private static RuntimeException notFound(long id) {
        return new java.util.NoSuchElementException("no post " + id);
    }

    /** The platform's clock, for every part of this module. */
    public PlanClock clock() {
        return clock;
    }

    /** Today, by the platform's clock. */
    public LocalDate today() {
        return clock.today();
    }
}
