package org.gigaplan.platform.internal.security;

import org.gigaplan.platform.internal.DemoConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In demo mode, the demo agent: an API key of sample school S-E01 whose secret the README gives. */
@Component(immediate = true, configurationPid = DemoConfig.PID)
public class DemoApiKey {

    private static final Logger LOG = LoggerFactory.getLogger(DemoApiKey.class);

    @Activate
    public DemoApiKey(@Reference ApiKeyService keys, DemoConfig demo) {
        if (!demo.enabled()) {
            return;
        }
        if (keys.ensureDemoKey()) {
            LOG.warn("DEMO MODE: the demo agent's API key (school {}, see README) works on this installation",
                    ApiKeyService.DEMO_SCHOOL);
        } else {
            LOG.warn("DEMO MODE: no demo agent key: sample school {} is not in the directory", ApiKeyService.DEMO_SCHOOL);
        }
    }
}
