package org.gigaplan.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.ComponentContext;

/**
 * The /api application waits for the service BootPhase registers: only once the framework stands at its beginning
 * start level with no bundle still starting (a lazily activated one aside), and inside Karaf once its boot features
 * are in, so that the whiteboard deploys /api once rather than once for each resource of the boot.
 */
class BootPhaseTest {

    /** A framework as BootPhase sees it: its start level, its bundles' states, the listeners and registrations. */
    private final class Framework {
        int level = 60;
        String beginning = "100";
        final List<Bundle> bundles = new ArrayList<>();
        final List<BundleListener> bundleListeners = new ArrayList<>();
        final List<FrameworkListener> frameworkListeners = new ArrayList<>();
        final List<String> enabled = new ArrayList<>();
        final List<String> disabled = new ArrayList<>();
        boolean bootFinished;

        Bundle bundle(String name, int state, String activationPolicy) {
            Dictionary<String, String> headers = new Hashtable<>();
            if (activationPolicy != null) {
                headers.put(Constants.BUNDLE_ACTIVATIONPOLICY, activationPolicy);
            }
            int[] current = { state };
            Bundle bundle = proxy(Bundle.class, (method, args) -> switch (method) {
            case "getState" -> current[0];
            case "getSymbolicName" -> name;
            case "getHeaders" -> headers;
            case "stop" -> current[0] = Bundle.RESOLVED;
            default -> throw new UnsupportedOperationException(method);
            });
            bundles.add(bundle);
            return bundle;
        }

        ComponentContext component() {
            BundleContext context = context();
            return proxy(ComponentContext.class, (method, args) -> switch (method) {
            case "getBundleContext" -> context;
            case "enableComponent" -> enabled.add((String) args[0]);
            case "disableComponent" -> disabled.add((String) args[0]);
            default -> throw new UnsupportedOperationException(method);
            });
        }

        BundleContext context() {
            Bundle system = proxy(Bundle.class, (method, args) -> switch (method) {
            case "adapt" -> proxy(FrameworkStartLevel.class, (m, a) -> switch (m) {
                case "getStartLevel" -> level;
                default -> throw new UnsupportedOperationException(m);
                });
            default -> throw new UnsupportedOperationException(method);
            });
            return proxy(BundleContext.class, (method, args) -> switch (method) {
            case "addBundleListener" -> bundleListeners.add((BundleListener) args[0]);
            case "addFrameworkListener" -> frameworkListeners.add((FrameworkListener) args[0]);
            case "addServiceListener", "removeServiceListener" -> null;
            case "removeBundleListener" -> bundleListeners.remove(args[0]);
            case "removeFrameworkListener" -> frameworkListeners.remove(args[0]);
            case "getServiceReference" -> bootFinished ? proxy(org.osgi.framework.ServiceReference.class,
                    (m, a) -> null) : null;
            case "getProperty" -> Constants.FRAMEWORK_BEGINNING_STARTLEVEL.equals(args[0]) ? beginning : null;
            case "getBundle" -> system;
            case "getBundles" -> bundles.toArray(Bundle[]::new);
            default -> throw new UnsupportedOperationException(method);
            });
        }

        void bundleStarted() {
            List.copyOf(bundleListeners).forEach(l -> l.bundleChanged(null));
        }

        void levelReached(int reached) {
            level = reached;
            List.copyOf(frameworkListeners).forEach(l -> l.frameworkEvent(null));
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(BootPhaseTest.class.getClassLoader(), new Class<?>[] { type },
                (self, method, args) -> switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                case "toString" -> type.getSimpleName();
                default -> answer.answer(method.getName(), args);
                });
    }

    @Test
    void theBootIsOverOnceTheBeginningStartLevelIsReachedAndNoBundleIsStarting() throws Exception {
        Framework framework = new Framework();
        Bundle usage = framework.bundle("org.gigaplan.usage", Bundle.STARTING, null);
        framework.bundle("lazy.one", Bundle.STARTING, Constants.ACTIVATION_LAZY);
        BootPhase boot = new BootPhase(framework.component());
        assertEquals(List.of("start level 60 of 100"), boot.waitingFor());
        assertFalse(boot.isOver());

        framework.levelReached(100);
        assertEquals(List.of("bundle org.gigaplan.usage"), boot.waitingFor(), "a lazy bundle is not waited for");
        assertFalse(boot.isOver());
        assertTrue(framework.enabled.isEmpty(), "not over while a bundle is starting");

        usage.stop(); // no longer STARTING
        framework.bundleStarted();
        assertTrue(boot.isOver());
        assertEquals(List.of(BootPhase.Over.class.getName()), framework.enabled, "the /api application's wait ends");
        assertTrue(framework.bundleListeners.isEmpty() && framework.frameworkListeners.isEmpty(),
                "no longer listening once the boot is over");

        boot.stop();
        assertEquals(List.of(BootPhase.Over.class.getName()), framework.disabled, "and comes back with the component");
        assertFalse(boot.isOver());
    }

    @Test
    void aPlatformStartedAfterTheBootPublishesAtOnce() {
        Framework framework = new Framework();
        framework.level = 100;
        framework.bundle("org.gigaplan.usage", Bundle.ACTIVE, null);
        BootPhase boot = new BootPhase(framework.component());
        assertTrue(boot.isOver());
        assertEquals(List.of(BootPhase.Over.class.getName()), framework.enabled);
    }

    @Test
    void insideKarafTheBootAlsoWaitsForItsBootFeatures() {
        System.setProperty("karaf.base", "/karaf");
        // Karaf launches the framework at its lock level (1) and keeps the level it raises it to in a system property.
        System.setProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, "100");
        try {
            Framework framework = new Framework();
            framework.beginning = "1";
            framework.level = 80;
            BootPhase boot = new BootPhase(framework.component());
            assertEquals(List.of("the boot features"), boot.waitingFor());
            framework.bootFinished = true;
            framework.bundleStarted();
            assertEquals(List.of("start level 80 of 100"), boot.waitingFor(), "the level Karaf raises it to");
            assertFalse(boot.isOver());

            framework.levelReached(100);
            assertTrue(boot.isOver());
        } finally {
            System.clearProperty("karaf.base");
            System.clearProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        }
    }
}
