package org.gigaplan.environment.internal.lrs;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gigaplan.plan.rest.FieldChecks;

/**
 * What xAPI requires of a Statement's Result (Data 2.4.5): its score within bounds, booleans, a response, an ISO 8601
 * duration; and how durations compare (xAPI 2.0: to the hundredth of a second).
 */
final class ResultRules extends JsonForms {

    static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration", "extensions");
    static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");
    /** ISO 8601 durations: weeks alone ({@code P4W}), or years to seconds ({@code P1DT2H3M4.5S}). */
    private static final Pattern DURATION = Pattern.compile("P\\d+(\\.\\d+)?W|P(?=\\d|T)(\\d+(\\.\\d+)?Y)?"
            + "(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?"
            + "(\\d+(\\.\\d+)?S)?)?");
    /** The seconds of a duration with more than two decimals. */
    private static final Pattern FINE_SECONDS = Pattern.compile("(\\d+\\.\\d{2})\\d+S$");

    ResultRules(FieldChecks check) {
        super(check);
    }

    /**
     * A duration as it compares: its seconds cut to the hundredth ({@code PT0.12567S} is {@code PT0.12S}; xAPI 2.0
     * has no finer precision); anything else as it is.
     */
    static Object compared(Object duration) {
        if (!(duration instanceof String d)) {
            return duration;
        }
        Matcher m = FINE_SECONDS.matcher(d);
        return m.find() ? d.substring(0, m.start()) + m.group(1) + "S" : d;
    }

    void result(Object raw, String at) {
        Map<?, ?> r = object(raw, at, "a Result");
        if (r == null) {
            return;
        }
        properties(r, at, RESULT, "a Result");
        if (r.containsKey("score")) {
            score(r.get("score"), join(at, "score"));
        }
        for (String bool : List.of("success", "completion")) {
            if (r.containsKey(bool) && !(r.get(bool) instanceof Boolean)) {
                check.add(join(at, bool), "true or false, was " + r.get(bool));
            }
        }
        if (r.containsKey("response") && !(r.get("response") instanceof String)) {
            check.add(join(at, "response"), "a string");
        }
        if (r.containsKey("duration") && !(r.get("duration") instanceof String d && DURATION.matcher(d).matches())) {
            check.add(join(at, "duration"), "an ISO 8601 duration (PT1M30S), was " + r.get("duration"));
        }
        if (r.containsKey("extensions")) {
            extensions(r.get("extensions"), join(at, "extensions"));
        }
    }

    private void score(Object raw, String at) {
        Map<?, ?> s = object(raw, at, "a Score");
        if (s == null) {
            return;
        }
        properties(s, at, SCORE, "a Score");
        Double scaled = number(s, "scaled", at);
        Double rawScore = number(s, "raw", at);
        Double min = number(s, "min", at);
        Double max = number(s, "max", at);
        if (scaled != null && (scaled < -1 || scaled > 1)) {
            check.add(join(at, "scaled"), "from -1 to 1, was " + scaled);
        }
        if (min != null && max != null && min >= max) {
            check.add(join(at, "min"), "below max (" + max + "), was " + min);
        }
        if (rawScore != null && (min != null && rawScore < min || max != null && rawScore > max)) {
            check.add(join(at, "raw"), "between min and max, was " + rawScore);
        }
    }
}
