package org.gigaplan.platform.internal.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.gigaplan.plan.console.ConsoleText;
import org.gigaplan.plan.rest.GigaPlanRest;
import org.gigaplan.plan.service.ModuleEnablement;
import org.gigaplan.platform.internal.AuditLogImpl;
import org.gigaplan.platform.internal.ModuleContracts;
import org.gigaplan.platform.internal.security.AccessFilter;
import org.gigaplan.platform.internal.security.AddressLimits;
import org.gigaplan.platform.internal.security.AnonymousLimit;
import org.gigaplan.platform.internal.security.ApiKeyService;
import org.gigaplan.platform.internal.security.AuditFilter;
import org.gigaplan.platform.internal.security.AuthFilter;
import org.gigaplan.platform.internal.security.Logins;
import org.gigaplan.platform.internal.security.NoPromptFilter;
import org.gigaplan.platform.internal.security.SecurityHeaders;
import org.gigaplan.platform.internal.security.Sessions;
import org.gigaplan.platform.internal.store.PlatformDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one JAX-RS application, at {@code /api}. Authentication, access rules, the JSON provider and error
 * mappers come with it, so a module's resource that selects it is secured and answers in the platform's JSON
 * and problem format from its first call. Published once the boot is over ({@link BootPhase}): the whiteboard then
 * deploys it once with every resource registered meanwhile.
 */
@Component(service = Application.class, configurationPid = ApiConfig.PID)
@Designate(ocd = ApiConfig.class)
@JaxrsName(GigaPlanRest.APPLICATION_NAME)
@JaxrsApplicationBase(GigaPlanRest.APPLICATION_BASE)
public class ApiApplication extends Application {

    private final Set<Object> singletons;

    /** {@code bootOver} is only waited for: the application is published once the boot is over. */
    @Activate
    public ApiApplication(ApiConfig config, @Reference ApiKeyService apiKeys, @Reference AuditLogImpl audit,
            @Reference ModuleEnablement modules, @Reference ModuleContracts contracts,
            @Reference PlatformDatabase database, @Reference Logins logins, @Reference Sessions sessions,
            @Reference BootPhase.Over bootOver) {
        // The deployment's language is also the console commands' default (every bundle's, see ConsoleText).
        System.setProperty(ConsoleText.LANGUAGE, ProblemLanguage.deploymentLanguage(config.language()));
        this.singletons = Set.of(new BusClassLoader(), new RequestScope(),
                new BodyLimitFilter(config.maxRequestBytes()), new ContentCharset(), new AuditFilter(audit, database),
                new AuthFilter(logins, sessions, apiKeys::authenticate),
                new AnonymousLimit(new AddressLimits(config.anonymousPerMinute(), config.anonymousBurst(),
                        System::nanoTime), logins::address),
                new AccessFilter(modules, contracts), new CallerContext(), new NoPromptFilter(),
                new SecurityHeaders.Api(), new ProblemLanguage(config.language()), new JsonProvider(), new ParamConverters(),
                new ProblemMappers.InvalidInput(), new ProblemMappers.Conflict(), new ProblemMappers.AccessDenied(),
                new ProblemMappers.WebApplication(), new ProblemMappers.Unexpected());
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
