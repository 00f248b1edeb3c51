package org.gigaplan.plan.service;

import java.util.List;

import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.spi.Health;

/** An installed policy module as the platform sees it. */
public record ModuleInfo(String id, int basicPolicy, LocalizedText name, String bundle, String version,
        List<String> indicatorIds, Health health) {
}
