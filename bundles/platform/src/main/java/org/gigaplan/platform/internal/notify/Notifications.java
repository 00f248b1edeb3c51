package org.gigaplan.platform.internal.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Audience;
import org.gigaplan.plan.notify.Notice;
import org.gigaplan.plan.notify.NoticeKind;
import org.gigaplan.plan.notify.Notifier;
import org.gigaplan.plan.rest.FieldChecks;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.AccessDeniedException;
import org.gigaplan.plan.security.Caller;
import org.gigaplan.plan.service.Database;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.platform.internal.security.UserDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The notices: sent by modules and the platform's jobs ({@link Notifier}), kept for their audience's inbox, mailed to
 * those of the audience who gave an address and want the kind at once; and each user's inbox, contact and choices.
 */
@Component(service = { Notifier.class, Notifications.class }, configurationPid = NotifyConfig.PID)
@Designate(ocd = NotifyConfig.class)
public class Notifications implements Notifier {

    /** A notice as a user's inbox shows it. */
    public record InboxItem(long id, String kind, String schoolId, Integer fiscalYear, LocalizedText subject,
            LocalizedText body, String link, Instant createdAt, boolean read) {
    }

    /** An inbox page, with the count of unread notices. */
    public record Inbox(Page<InboxItem> page, long unread) {
    }

    /** A user's address, language and how they want each kind of notice. */
    public record Preferences(String email, String language, Map<String, Delivery> kinds) {
    }

    /** A kind of notice a user may choose for: its id and what it is, and how they get it now. */
    public record KindChoice(String kind, LocalizedText name, Delivery delivery) {
    }

    private final Database database;
    private final PlanClock clock;
    private final NotifyConfig config;
    private final Outbox outbox;
    /**
     * Who may get mail now: a user of the realm whose roles still make them the audience they gave their address as
     * (a user moved to another school is not mailed their old school's notices), read through Karaf's backing engine.
     */
    private final java.util.function.Supplier<BiPredicate<String, Audience>> users;
    private final java.util.function.Supplier<List<NoticeKind>> kinds;
    private final NotifyStore store = new NotifyStore();
    private final MailStore mails = new MailStore();

    @Activate
    public Notifications(@Reference Database database, @Reference PlanClock clock, @Reference Outbox outbox,
            @Reference JobScheduler scheduler,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            UserDirectory users, NotifyConfig config) {
        this(database, clock, outbox, config,
                users == null || !users.ready() ? () -> (name, audience) -> true : () -> mailable(users),
                scheduler::kinds);
    }

    /** Of these contacts, the users who may be mailed now (each read from the realm once). */
    private Set<String> stillMailable(List<NotifyStore.Contact> contacts) {
        BiPredicate<String, Audience> known = users.get();
        Set<String> out = new java.util.HashSet<>();
        for (NotifyStore.Contact k : contacts) {
            if (known.test(k.user(), k.audience())) {
                out.add(k.user());
            }
        }
        return out;
    }

    /** Whether a user is still in the realm and still the audience they gave their address as. */
    static BiPredicate<String, Audience> mailable(UserDirectory users) {
        return (name, audience) -> users.caller(name).flatMap(Notifications::inboxOf).filter(audience::equals)
                .isPresent();
    }

    Notifications(Database database, PlanClock clock, Outbox outbox, NotifyConfig config,
            java.util.function.Supplier<BiPredicate<String, Audience>> users,
            java.util.function.Supplier<List<NoticeKind>> kinds) {
        this.database = database;
        this.clock = clock;
        this.outbox = outbox;
        this.config = config;
        this.users = users;
        this.kinds = kinds;
    }

    @Override
    public boolean send(Notice notice) {
        boolean mailOn = !config.smtpHost().isBlank();
        // Who may be mailed is read from the realm before the transaction that queues the mails opens: the realm's
        // engine reads its own database connection.
        List<NotifyStore.Contact> contacts = mailOn ? database.transaction(c -> store.withAddress(c,
                notice.audience())) : List.of();
        Set<String> mailable = stillMailable(contacts);
        int queued = database.transactionRetrying(c -> {
            if (store.noticeId(c, notice.key()).isPresent()) {
                return -1;
            }
            Instant now = clock.now();
            long id = store.insert(c, notice, now);
            int n = 0;
            if (mailOn) {
                for (NotifyStore.Contact to : contacts) {
                    Delivery how = store.choices(c, to.user()).getOrDefault(notice.kind(), Delivery.IMMEDIATE);
                    if (how == Delivery.IMMEDIATE && mailable.contains(to.user())) {
                        boolean japanese = !"en".equals(to.language());
                        n += mails.queue(c, notice.key() + " → " + to.user(), id, notice.kind(), to.user(), to.email(),
                                MailText.subject(notice.subject(), japanese),
                                MailText.body(notice, japanese, config.dashboardUrl()), now) ? 1 : 0;
                    }
                }
            }
            return n;
        });
        if (queued > 0) {
            outbox.wakeSoon();
        }
        return queued >= 0;
    }

    /**
     * Forgets a teacher taken off their school's list, in the caller's transaction: the notices sent to them, the
     * address and choices they gave, the mails sent to it. Whoever is listed with their code later starts with an empty
     * inbox. How many notices. (Of the platform's own tables: the list's removal calls it whether or not this component
     * is active at that moment.)
     */
    public static int forgetTeacher(java.sql.Connection c, String schoolId, String code) throws java.sql.SQLException {
        return NotifyStore.forget(c, Audience.teacher(schoolId, code));
    }

    /**
     * The audience whose notices a caller reads: the board's, their school's, or their own as a teacher; none for
     * those without an inbox (agents, learners).
     */
    static Optional<Audience> inboxOf(Caller caller) {
        return switch (caller.role()) {
            case BOARD -> Optional.of(Audience.board());
            case SCHOOL -> Optional.of(Audience.school(caller.schoolId()));
            case TEACHER -> Optional.of(Audience.teacher(caller.schoolId(), caller.teacherId()));
            default -> Optional.empty();
        };
    }

    /** The same, refused for a caller without an inbox. */
    static Audience audienceOf(Caller caller) {
        return inboxOf(caller).orElseThrow(() -> new AccessDeniedException("an " + caller.role().name()
                .toLowerCase(java.util.Locale.ROOT) + " has no inbox", "この利用者にはお知らせの受信箱がありません"));
    }

    public Inbox inbox(Caller caller, boolean unreadOnly, PageRequest request) {
        List<String> audiences = List.of(audienceOf(caller).code());
        return database.transaction(c -> {
            long[] counts = store.counts(c, audiences, caller.name());
            List<InboxItem> items = store.inbox(c, audiences, caller.name(), unreadOnly, request.offset(),
                    request.limit()).stream().map(Notifications::item).toList();
            return new Inbox(Page.of(items, request, unreadOnly ? counts[1] : counts[0]), counts[1]);
        });
    }

    public long unread(Caller caller) {
        List<String> audiences = List.of(audienceOf(caller).code());
        return database.transaction(c -> store.counts(c, audiences, caller.name())[1]);
    }

    /** Marks one notice read. @throws javax.ws.rs.NotFoundException when the caller has no such notice */
    public InboxItem markRead(Caller caller, long id) {
        Audience audience = audienceOf(caller);
        return database.transaction(c -> {
            NotifyStore.Kept k = store.notice(c, id).filter(n -> n.audience().equals(audience))
                    .orElseThrow(() -> new javax.ws.rs.NotFoundException("no notice " + id + " in your inbox"));
            store.markRead(c, id, caller.name(), clock.now());
            return item(new NotifyStore.Kept(k.id(), k.kind(), k.audience(), k.schoolId(), k.fiscalYear(), k.subject(),
                    k.body(), k.link(), k.createdAt(), true));
        });
    }

    /** Marks every notice of the caller's inbox read. @return how many were unread */
    public int markAllRead(Caller caller) {
        List<String> audiences = List.of(audienceOf(caller).code());
        return database.transaction(c -> store.markAllRead(c, audiences, caller.name(), clock.now()));
    }

    public Preferences preferences(Caller caller) {
        audienceOf(caller);
        return database.transaction(c -> {
            Optional<NotifyStore.Contact> contact = store.contact(c, caller.name());
            return new Preferences(contact.map(NotifyStore.Contact::email).orElse(null),
                    contact.map(NotifyStore.Contact::language).orElse("ja"), choices(c, caller));
        });
    }

    /** The kinds a user may choose for, with their choice: named as the modules declare them. */
    public List<KindChoice> kinds(Caller caller) {
        Map<String, LocalizedText> names = new java.util.HashMap<>();
        kinds.get().forEach(k -> names.putIfAbsent(k.id(), k.name()));
        return preferences(caller).kinds().entrySet().stream().map(e -> new KindChoice(e.getKey(),
                names.getOrDefault(e.getKey(), LocalizedText.of(e.getKey(), e.getKey())), e.getValue())).toList();
    }

    /** Sets a user's address (null or empty: none), language and choices; kinds left out keep theirs. */
    public Preferences setPreferences(Caller caller, Preferences wanted) {
        Audience audience = audienceOf(caller);
        FieldChecks checks = new FieldChecks();
        String email = wanted.email() == null || wanted.email().isBlank() ? null : wanted.email().trim();
        if (email != null && (email.length() > 254 || !email.matches("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+"))) {
            checks.add("email", "not an e-mail address: " + email, "メールアドレスの形ではありません: " + email);
        }
        String language = wanted.language() == null ? "ja" : wanted.language();
        if (!Set.of("ja", "en").contains(language)) {
            checks.add("language", "ja or en, was " + language, "ja か en を指定してください（" + language + "）");
        }
        Map<String, Delivery> kinds = wanted.kinds() == null ? Map.of() : wanted.kinds();
        for (String kind : kinds.keySet()) {
            if (kind == null || kind.length() > 80 || !kind.matches("[a-z][a-z0-9-]*\\.[a-z0-9.-]+")) {
                checks.add("kinds", "not a kind of notice: " + kind, "お知らせの種類ではありません: " + kind);
            } else if (kinds.get(kind) == null) {
                checks.add("kinds." + kind, "IMMEDIATE, DIGEST or OFF", "IMMEDIATE・DIGEST・OFF のいずれか");
            }
        }
        checks.throwIfAny();
        return database.transaction(c -> {
            Optional<NotifyStore.Contact> before = store.contact(c, caller.name());
            store.putContact(c, new NotifyStore.Contact(caller.name(), audience, email, language,
                    before.map(NotifyStore.Contact::digestThrough).orElse(null)), clock.now());
            Map<String, Delivery> merged = new LinkedHashMap<>(store.choices(c, caller.name()));
            merged.putAll(kinds);
            store.putChoices(c, caller.name(), merged);
            return new Preferences(email, language, choices(c, caller));
        });
    }

    /**
     * The kinds a user may choose for, each with their choice: those the installed modules' jobs send to the user's
     * role, those sent to the user's audience so far, and those chosen before.
     */
    private Map<String, Delivery> choices(java.sql.Connection c, Caller caller) throws java.sql.SQLException {
        Map<String, Delivery> chosen = store.choices(c, caller.name());
        Map<String, Delivery> out = new LinkedHashMap<>();
        for (NoticeKind kind : kinds.get()) {
            if (kind.audiences().contains(caller.role())) {
                out.putIfAbsent(kind.id(), chosen.getOrDefault(kind.id(), Delivery.IMMEDIATE));
            }
        }
        for (String kind : store.kinds(c, audienceOf(caller))) {
            out.putIfAbsent(kind, chosen.getOrDefault(kind, Delivery.IMMEDIATE));
        }
        chosen.forEach(out::putIfAbsent);
        return out;
    }

    /** The digest for everyone who chose it for some kind, of the notices since their last. @return mails queued */
    int queueDigests(Instant dueAt) {
        Instant now = clock.now();
        List<NotifyStore.Contact> readers = database.transaction(store::digestReaders);
        Set<String> mailable = stillMailable(readers);
        int queued = database.transaction(c -> {
            int n = 0;
            for (NotifyStore.Contact who : readers) {
                Map<String, Delivery> chosen = store.choices(c, who.user());
                Instant after = who.digestThrough() != null ? who.digestThrough() : now.minus(java.time.Duration.ofDays(7));
                List<NotifyStore.Kept> notices = store.between(c, List.of(who.audience().code()), after, now).stream()
                        .filter(k -> chosen.get(k.kind()) == Delivery.DIGEST).toList();
                if (!notices.isEmpty() && mailable.contains(who.user())) {
                    boolean japanese = !"en".equals(who.language());
                    n += mails.queue(c, "digest/" + dueAt + " → " + who.user(), null, "platform.digest", who.user(),
                            who.email(), MailText.subject(LocalizedText.of("1週間のまとめ（" + notices.size() + "件）",
                                    "Weekly digest (" + notices.size() + ")"), japanese),
                            MailText.digest(notices, japanese, config.dashboardUrl()), now) ? 1 : 0;
                }
                store.digestSent(c, who.user(), now);
            }
            return n;
        });
        if (queued > 0) {
            outbox.wakeSoon();
        }
        return queued;
    }

    private static InboxItem item(NotifyStore.Kept k) {
        return new InboxItem(k.id(), k.kind(), k.schoolId(), k.fiscalYear(), k.subject(), k.body(), k.link(),
                k.createdAt(), k.read());
    }
}
