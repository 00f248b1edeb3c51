package org.gigaplan.outreach.internal;

import java.time.LocalDate;
import java.util.List;

import org.gigaplan.plan.model.Labelled;
import org.gigaplan.plan.model.LocalizedText;

/**
 * A school's meeting where ICT use was shared: a staff meeting (職員会議等) sharing ICT initiatives, or a parent
 * meeting (保護者会等) explaining ICT use in lessons.
 *
 * @param planItems the plan's action items the meeting took up (staff meetings), e.g. {@code P4-S1}
 */
public record Meeting(long id, Kind kind, String schoolId, LocalDate heldOn, String audience, List<String> topics,
        List<String> planItems, Integer attendees, String materials, String recordedBy, boolean demo) {

    public enum Kind implements Labelled {
        STAFF(LocalizedText.of("職員会議等", "Staff meeting")),
        PARENT(LocalizedText.of("保護者会等", "Parent meeting"));

        private final LocalizedText label;

        Kind(LocalizedText label) {
            this.label = label;
        }

        public LocalizedText label() {
            return label;
        }
    }

    /** What a school records; {@code audience} and {@code materials} for parent meetings. */
    public record Input(LocalDate heldOn, String audience, List<String> topics, List<String> planItems,
            Integer attendees, String materials) {
    }

    /** A school's staff meetings per term of a fiscal year. */
    public record SchoolCounts(String schoolId, LocalizedText name, List<Integer> perTerm, int total) {
    }

    /** Staff meetings of every school in a fiscal year, per term, and the mean per school. */
    public record StaffCounts(int fiscalYear, List<LocalizedText> terms, List<SchoolCounts> schools, int meetings,
            Double perSchool, boolean demo) {
    }

    /** A school without a parent meeting yet. */
    public record Missing(String schoolId, LocalizedText name, String type) {
    }

    /**
     * Parent-meeting compliance of a fiscal year as of a day: every school needs at least one.
     *
     * @param daysLeft days from the as-of day to March 31, both counted (0 for a year that is over, asked without a day)
     */
    public record Compliance(int fiscalYear, LocalDate asOf, int daysLeft, int schools, int compliant, Double share,
            List<Missing> notYet, boolean demo) {
    }
}
