package org.gigaplan.platform.internal.roster;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code enrollments.csv}: a user in a class.
 *
 * @param role       {@code teacher}, {@code student}, {@code administrator}, {@code proctor}, {@code guardian} or an
 *                   {@code ext:} value
 * @param primary    whether the teacher is the class's main one (担任); null when blank
 * @param shussekiNo {@code metadata.jp.ShussekiNo} (出席番号, attendance number), either spelling; null when blank
 * @param publicFlg  {@code metadata.jp.PublicFlg}, either spelling; null when blank
 */
public record RosterEnrollment(String sourcedId, RosterStatus status, Instant dateLastModified,
        String classSourcedId, String schoolSourcedId, String userSourcedId, String role, Boolean primary,
        LocalDate beginDate, LocalDate endDate, Integer shussekiNo, Boolean publicFlg, SourceLine source)
        implements RosterRecord {
}
