package org.gigaplan.platform.internal.roster;

/**
 * Where a row was read: kept on every record so that whoever applies the set later can still name the line that
 * caused a problem.
 *
 * @param file the file name, {@code users.csv}
 * @param line the line in that file; the header is line 1
 */
public record SourceLine(String file, long line) {

    /** {@code users.csv line 4.givenName}: how an error about one cell names it. */
    public String field(String column) {
        return this + "." + column;
    }

    /** {@code users.csv line 4}. */
    @Override
    public String toString() {
        return file + " line " + line;
    }
}
