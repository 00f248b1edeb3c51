package org.gigaplan.platform.internal.roster;

/**
 * A reference this set does not resolve because the file it points into is a delta or absent: the row it names is
 * expected among the data stored from earlier sets, and whoever applies this set resolves it there.
 *
 * @param source    the row that refers
 * @param column    the referring column, {@code classSourcedId}
 * @param file      the file the target belongs to, without {@code .csv}: {@code classes}
 * @param sourcedId the target's sourcedId
 */
public record ExternalReference(SourceLine source, String column, String file, String sourcedId) {

    /** {@code enrollments.csv line 3.classSourcedId}. */
    public String field() {
        return source.field(column);
    }
}
