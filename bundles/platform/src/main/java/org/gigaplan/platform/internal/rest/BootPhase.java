package org.gigaplan.platform.internal.rest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the boot is over: inside Karaf once its boot features are installed and started, and in any framework once it
 * stands at its beginning start level with no bundle still starting. Then it provides {@link Over}, which the /api
 * application waits for ({@link ApiApplication}), so that the JAX-RS whiteboard deploys /api once with every resource
 * the boot registered. Published first, /api was deployed again for each of them (28 times at a start), each time
 * rebuilding the whole application on the framework's start-level thread. A module installed later joins the
 * published application as before. A boot still not over after {@link #PATIENCE} (a bundle whose activation hangs)
 * publishes /api all the same, with a warning naming what it waits for, so that /api/health can say so. (OSGi's own
 * Condition service would say the same, but Karaf 4.4 does not export its package.)
 */
@Component(service = BootPhase.class, immediate = true)
public class BootPhase {

    /**
     * Provided once the boot is over: a component enabled then by BootPhase, so that the /api application can wait
     * for it with a plain reference.
     */
    @Component(service = Over.class, enabled = false)
    public static final class Over {
    }

    /** How long a boot may take before /api is published all the same. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Registered by Karaf once its boot features are installed and started (named, so nothing imports Karaf). */
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private static final Logger LOG = LoggerFactory.getLogger(BootPhase.class);

    private final ComponentContext component;
    private final BundleContext context;
    private final long activatedAt = System.nanoTime();
    private final BundleListener bundles = e -> check();
    private final FrameworkListener framework = e -> check();
    private final ServiceListener bootFinished = e -> check();
    /** Set once, by the first to find the boot over or to give up waiting. */
    private final AtomicBoolean declared = new AtomicBoolean();
    private volatile boolean closed;

    @Activate
    public BootPhase(ComponentContext component) {
        this.component = component;
        this.context = component.getBundleContext();
        context.addBundleListener(bundles);
        context.addFrameworkListener(framework);
        try {
            context.addServiceListener(bootFinished, "(" + Constants.OBJECTCLASS + "=" + BOOT_FINISHED + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        CompletableFuture.delayedExecutor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).execute(this::giveUp);
        check();
    }

    @Deactivate
    void stop() {
        closed = true;
        stopListening();
        if (declared.get()) {
            component.disableComponent(Over.class.getName());
        }
    }

    /**
     * What the boot still waits for, in words for /api/health; empty once it is over. Inside Karaf the boot features
     * (every module the distribution starts with) are all installed and started once Karaf registers BootFinished;
     * until then a module may not even be installed. On a restart the features are there at once and the framework
     * starts their bundles level by level: every bundle is started once the framework is at its beginning start level
     * and none is still starting. A lazily activated bundle stays STARTING until a class of it is first loaded: not
     * waited for.
     */
    public List<String> waitingFor() {
        if (System.getProperty("karaf.base") != null && context.getServiceReference(BOOT_FINISHED) == null) {
            return List.of("the boot features");
        }
        // Karaf launches the framework at its lock level and raises it to the configured beginning level once the
        // lock is held: the framework's property says the first, the system property Karaf leaves the second.
        int target = Math.max(level(context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL)),
                level(System.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL)));
        int level = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class).getStartLevel();
        if (level < target) {
            return List.of("start level " + level + " of " + target);
        }
        return Stream.of(context.getBundles()).filter(b -> b.getState() == Bundle.STARTING)
                .filter(b -> !String.valueOf(b.getHeaders().get(Constants.BUNDLE_ACTIVATIONPOLICY)).contains("lazy"))
                .map(b -> "bundle " + b.getSymbolicName()).sorted().toList();
    }

    private static int level(String property) {
        return property == null ? 1 : Integer.parseInt(property.trim());
    }

    /** Whether the boot was declared over (or waited for long enough). */
    boolean isOver() {
        return declared.get() && !closed;
    }

    private void check() {
        if (!declared.get() && !closed && waitingFor().isEmpty() && declared.compareAndSet(false, true)) {
            // The build's pre-resolving start (karaf-distribution/src/build/pre-resolve.sh) waits for this line.
            LOG.info("Boot over after {} ms: publishing /api with every resource registered",
                    (System.nanoTime() - activatedAt) / 1_000_000);
            declareOver();
        }
    }

    private void giveUp() {
        if (!closed && declared.compareAndSet(false, true)) {
            LOG.warn("The boot is not over after {} s (waiting for {}): publishing /api all the same",
                    PATIENCE.toSeconds(), waitingFor());
            declareOver();
        }
    }

    private void declareOver() {
        stopListening();
        component.enableComponent(Over.class.getName());
    }

    private void stopListening() {
        try {
            context.removeBundleListener(bundles);
            context.removeFrameworkListener(framework);
            context.removeServiceListener(bootFinished);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its listeners go with it
        }
    }
}
