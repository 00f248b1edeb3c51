package org.gigaplan.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.ConflictException;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.PlanClock;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.platform.internal.store.OncePerRequest;
import org.gigaplan.platform.internal.store.PlanStore;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.gigaplan.platform.internal.store.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Holds the plan in force and makes every change to it a new version. A fresh database gets the plan shipped in
 * this bundle; after that the newest version wins, and every earlier one stays readable. Several nodes on one database
 * share it: each holds the version it read last and reads the newest again when another node stored one, and changes
 * are made one after the other, each from the newest version (the versions are locked while one is stored).
 */
@Component(service = { PlanService.class, PlanServiceImpl.class })
public class PlanServiceImpl implements PlanService {

    /** Upper bound of a plan file: the shipped one is about 40 KB. */
    static final int MAX_PLAN_BYTES = 5 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PlanServiceImpl.class);

    /** A version and its plan. */
    private record Held(long version, Plan plan) {
    }

    private final PlanStore store;
    private final PlanClock clock;
    private volatile Held held;

    @Activate
    public PlanServiceImpl(@Reference PlatformDatabase database, @Reference PlanClock clock) {
        this.store = database.plans();
        this.clock = clock;
        store.next(current -> current.isPresent() ? null : shipped());
        this.held = load();
    }

    /** The shipped plan as the first version, for a database without any (nodes starting together import it once). */
    private PlanStore.Next shipped() {
        try (InputStream in = PlanServiceImpl.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            if (in == null) {
                throw new IllegalStateException(PlanReader.SHIPPED_PLAN + " is missing from the bundle");
            }
            byte[] bytes = in.readAllBytes();
            Plan parsed = PlanReader.read(bytes);
            LOG.info("Loading the shipped plan {} (data version {})", parsed.id(), parsed.dataVersion());
            return new PlanStore.Next(meta(parsed, parsed.dataVersion(), PlanVersion.Kind.IMPORT, "imported "
                    + parsed.id() + " data " + parsed.dataVersion(), List.of(), "system"),
                    id -> new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Held load() {
        PlanStore.Current current = store.current().orElseThrow(() -> new IllegalStateException("no plan stored"));
        return new Held(current.meta().version(), read(current));
    }

    private static Plan read(PlanStore.Current current) {
        return PlanReader.read(current.document().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The plan in force: the newest version, read again when another node stored one since (looked up once per API
     * request, {@link OncePerRequest}). Inside a transaction, the version held answers (the newest is not looked up on
     * a second connection).
     */
    @Override
    public Plan plan() {
        Held known = held;
        if (!Sql.inTransaction()
                && OncePerRequest.read(OncePerRequest.Counter.PLAN_VERSION, store::latestVersion) != known.version()) {
            known = load();
            held = known;
            OncePerRequest.wrote(OncePerRequest.Counter.PLAN_VERSION, known.version());
        }
        return known.plan();
    }

    /** Imports a plan file, refused when it would throw away what was made here (see {@link PlanImportCheck}). */
    @Override
    public PlanVersion importPlan(InputStream json, String importedBy) {
        return importPlan(json, importedBy, false).version();
    }

    /**
     * What an import did: the version stored, or the one in force when the file is that plan already ({@code stored}
     * false: nothing changed), and what it was found to change.
     */
    public record Imported(PlanVersion version, boolean stored, PlanImportCheck check) {

        /** Whether the caller confirmed an import that threw away what was made here. */
        public boolean replaced() {
            return stored && check != null && check.replaceNeeded();
        }
    }

    /**
     * Reads a plan file and makes it the plan in force as a new version, unless it is that plan already (then nothing
     * is stored). Checked whole first; refused (409, nothing stored) when it reuses a stored version's data version
     * with other content, or, unless {@code replace}, when it would undo changes made here since the newest import or
     * drop an action plan the plan in force has.
     */
    public Imported importPlan(InputStream json, String importedBy, boolean replace) {
        byte[] bytes = bytes(json);
        Plan parsed = PlanReader.read(bytes);
        // The plan in force exported and imported as it is (its bytes may differ) is not "other content" under its
        // data version: answered before that check, and looked at again with the versions locked.
        Optional<PlanStore.Standing> seen = store.standing();
        Optional<PlanImportCheck> seenCheck = seen.map(s -> check(parsed, s));
        if (seenCheck.isPresent() && seenCheck.get().unchanged()) {
            return new Imported(seen.get().current().meta(), false, seenCheck.get());
        }
        refuseReusedDataVersion(parsed, bytes);
        String document = new String(bytes, StandardCharsets.UTF_8);
        PlanImportCheck[] checked = new PlanImportCheck[1];
        PlanVersion[] inForce = new PlanVersion[1];
        Optional<PlanVersion> stored = store.nextFrom(standing -> {
            PlanImportCheck check = standing.map(s -> check(parsed, s)).orElse(null);
            checked[0] = check;
            if (check != null && check.unchanged()) {
                inForce[0] = standing.get().current().meta();
                return null;
            }
            if (check != null && check.replaceNeeded() && !replace) {
                throw new ConflictException("replace", check.refusal(), check.refusalJapanese());
            }
            // A file that changes a year that has ended (its action plan, a target in force in it) changes verdicts
            // already given: made only knowingly, as an edit of such a year is.
            List<Integer> past = standing.isEmpty() ? List.of()
                    : PastYears.changed(read(standing.get().current()), parsed, clock.currentFiscalYear());
            if (!past.isEmpty() && !replace) {
                throw PastYears.importRefusal(past);
            }
            return new PlanStore.Next(meta(parsed, parsed.dataVersion(), PlanVersion.Kind.IMPORT, "imported "
                    + parsed.id() + " data " + parsed.dataVersion(), check == null ? List.of() : check.changes(),
                    importedBy), id -> document);
        });
        if (stored.isEmpty()) {
            return new Imported(inForce[0], false, checked[0]);
        }
        held = new Held(stored.get().version(), parsed);
        OncePerRequest.wrote(OncePerRequest.Counter.PLAN_VERSION, stored.get().version());
        Imported imported = new Imported(stored.get(), true, checked[0]);
        if (imported.replaced()) {
            LOG.warn("Plan version {} imported by {}: {}", stored.get().version(), importedBy,
                    checked[0].replaced());
        }
        return imported;
    }

    /**
     * What importing a plan file would do, storing nothing (a dry run): refused as the import would be when the file
     * is invalid or reuses a stored version's data version with other content.
     */
    public PlanImportCheck checkImport(InputStream json) {
        byte[] bytes = bytes(json);
        Plan parsed = PlanReader.read(bytes);
        PlanStore.Standing standing = store.standing().orElseThrow(() -> new IllegalStateException("no plan stored"));
        PlanImportCheck check = check(parsed, standing);
        if (!check.unchanged()) {
            refuseReusedDataVersion(parsed, bytes);
        }
        return check;
    }

    private static PlanImportCheck check(Plan file, PlanStore.Standing standing) {
        PlanStore.Current last = standing.lastImport().orElse(standing.current());
        Plan current = read(standing.current());
        return PlanImportCheck.of(file, current, standing.current().meta().version(),
                standing.madeHere().isEmpty() ? current : read(last), last.meta().version(), standing.madeHere());
    }

    private void refuseReusedDataVersion(Plan parsed, byte[] bytes) {
        String sha = PlanStore.sha256(new String(bytes, StandardCharsets.UTF_8));
        for (PlanVersion same : store.withDataVersion(parsed.dataVersion())) {
            if (!same.sha256().equals(sha)) {
                throw new ConflictException("dataVersion", "plan version " + same.version() + " has data version "
                        + parsed.dataVersion() + " with other content: give this file a data version of its own");
            }
        }
    }

    private static byte[] bytes(InputStream json) {
        try {
            byte[] bytes = json.readNBytes(MAX_PLAN_BYTES + 1);
            if (bytes.length > MAX_PLAN_BYTES) {
                throw new InvalidInputException("body", "plan data is larger than " + MAX_PLAN_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies a change to the plan in force and stores the result as a new version numbered by the platform, with
     * each field changed before → after. The change is applied to the newest version, with the versions locked until
     * it is stored; the result is checked whole first, and nothing is stored when it is invalid.
     *
     * @throws ConflictException when the change leaves the plan as it was, or reaches a fiscal year that has ended
     */
    public PlanVersion change(PlanVersion.Kind kind, String summary, UnaryOperator<Plan> edit, String by) {
        return change(kind, summary, edit, by, false);
    }

    /**
     * The same; with {@code pastYear}, a change reaching fiscal years that have ended by the platform's clock (their
     * action plan or targets in force, see {@link PastYears}) is made, its summary saying so, rather than refused (409
     * {@code pastYear}).
     */
    public PlanVersion change(PlanVersion.Kind kind, String summary, UnaryOperator<Plan> edit, String by,
            boolean pastYear) {
        Plan[] stored = new Plan[1];
        String[] said = { summary };
        PlanVersion version = store.next(current -> {
            Plan before = read(current.orElseThrow(() -> new IllegalStateException("no plan stored")));
            Plan edited = edit.apply(before);
            InvalidInputException.throwIfAny(PlanReader.check(edited));
            List<PlanVersion.Change> changes = PlanDiff.between(before, edited);
            if (changes.isEmpty()) {
                throw new ConflictException("body", "that is the plan as it stands: nothing to change",
                        "計画は今のままです。変わるところがありません。");
            }
            List<Integer> past = PastYears.changed(before, edited, clock.currentFiscalYear());
            if (!past.isEmpty() && !pastYear) {
                throw PastYears.refusal(past, clock);
            }
            said[0] = past.isEmpty() ? summary : summary + " (" + PastYears.confirmed(past) + ")";
            return new PlanStore.Next(meta(edited, null, kind, said[0], changes, by), id -> {
                stored[0] = withDataVersion(edited, Long.toString(id));
                try {
                    return Json.mapper().writeValueAsString(stored[0]);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        }).orElseThrow();
        held = new Held(version.version(), stored[0]);
        OncePerRequest.wrote(OncePerRequest.Counter.PLAN_VERSION, version.version());
        LOG.info("Plan version {} by {}: {}", version.version(), by, said[0]);
        return version;
    }

    private PlanVersion meta(Plan p, String dataVersion, PlanVersion.Kind kind, String summary,
            List<PlanVersion.Change> changes, String by) {
        return new PlanVersion(0, p.id(), dataVersion, kind, clock.now(), by, summary, changes, p.actionPlans().size(),
                PlanReader.countActionItems(p), p.indicators().size(), null);
    }

    private static Plan withDataVersion(Plan p, String dataVersion) {
        return new Plan(p.formatVersion(), dataVersion, p.id(), p.title(), p.vision(), p.subtitle(), p.firstYear(),
                p.lastYear(), p.source(), p.actionPlans(), p.outlook(), p.indicators(), p.earlierPeriods());
    }

    @Override
    public List<PlanVersion> versions() {
        return store.versions();
    }

    @Override
    public Optional<Plan> version(long version) {
        return store.document(version).map(d -> PlanReader.read(d.getBytes(StandardCharsets.UTF_8)));
    }
}
