package org.gigaplan.plan.notify;

import java.time.LocalDate;
import java.util.Optional;

import org.gigaplan.plan.model.LocalizedText;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module's part of the board's monthly digest (e.g. the open findings of policy 3), beside the platform's own
 * (indicators whose status changed, schools most behind). Register one as an OSGi service.
 */
@ConsumerType
public interface DigestSection {

    /** The section's heading. */
    LocalizedText title();

    /**
     * The section's lines as of a day, each a line of the mail (no bullet: the digest adds them); empty when there is
     * nothing to say this month.
     */
    Optional<Lines> lines(LocalDate day);

    /** A section's lines in Japanese and English, in the same order. */
    record Lines(java.util.List<String> ja, java.util.List<String> en) {
        public Lines {
            ja = java.util.List.copyOf(ja);
            en = java.util.List.copyOf(en);
        }
    }
}
