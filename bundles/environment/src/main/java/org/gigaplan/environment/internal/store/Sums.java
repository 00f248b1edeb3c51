package org.gigaplan.environment.internal.store;

/**
 * What statements add up to in what the LRS keeps beside them (per learner and year, per school and year, per school
 * and day or week), and in a period's summary: statements, the sum and number of scaled scores, and demo statements.
 */
final class Sums {
    long statements;
    double scoreSum;
    long scores;
    long demo;

    /** Counts one statement. */
    void add(Double score, boolean isDemo) {
        statements++;
        if (score != null) {
            scoreSum += score;
            scores++;
        }
        if (isDemo) {
            demo++;
        }
    }

    void add(Sums o) {
        statements += o.statements;
        scoreSum += o.scoreSum;
        scores += o.scores;
        demo += o.demo;
    }

    /** The mean scaled score as shown (three decimals), null without scores. */
    static Double meanScore(double scoreSum, long scores) {
        return scores == 0 ? null : Math.round(scoreSum / scores * 1000) / 1000.0;
    }
}
