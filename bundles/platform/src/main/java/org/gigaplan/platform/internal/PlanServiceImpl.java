package org.gigaplan.platform.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.service.PlanImport;
import org.gigaplan.plan.service.PlanService;
import org.gigaplan.platform.internal.store.PlanStore;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the plan in force. A fresh database gets the plan shipped in this bundle; after that the latest
 * import wins, and every earlier one stays in the history.
 */
@Component(service = PlanService.class)
public class PlanServiceImpl implements PlanService {

    /** Upper bound of a plan file: the shipped one is about 40 KB. */
    static final int MAX_PLAN_BYTES = 5 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PlanServiceImpl.class);

    private final PlanStore store;
    private volatile Plan plan;

    @Activate
    public PlanServiceImpl(@Reference PlatformDatabase database) {
        this.store = database.plans();
        this.plan = store.current().map(c -> PlanReader.read(c.document().getBytes(StandardCharsets.UTF_8)))
                .orElseGet(this::importShipped);
    }

    private Plan importShipped() {
        try (InputStream in = PlanServiceImpl.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            if (in == null) {
                throw new IllegalStateException(PlanReader.SHIPPED_PLAN + " is missing from the bundle");
            }
            PlanImport imported = store(in.readAllBytes(), "system");
            LOG.info("Loaded the shipped plan {} (data version {})", imported.planId(), imported.dataVersion());
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public PlanImport importPlan(InputStream json, String importedBy) {
        try {
            byte[] bytes = json.readNBytes(MAX_PLAN_BYTES + 1);
            if (bytes.length > MAX_PLAN_BYTES) {
                throw new InvalidInputException("body", "plan data is larger than " + MAX_PLAN_BYTES + " bytes");
            }
            return store(bytes, importedBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized PlanImport store(byte[] bytes, String importedBy) {
        Plan parsed = PlanReader.read(bytes);
        PlanImport meta = new PlanImport(0, parsed.id(), parsed.dataVersion(), parsed.formatVersion(), Instant.now(),
                importedBy, parsed.actionPlans().size(), PlanReader.countActionItems(parsed),
                parsed.indicators().size(), sha256(bytes));
        PlanImport stored = store.insert(meta, new String(bytes, StandardCharsets.UTF_8));
        this.plan = parsed;
        return stored;
    }

    @Override
    public List<PlanImport> history() {
        return store.history();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
