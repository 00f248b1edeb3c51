package org.gigaplan.environment.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gigaplan.plan.rest.InvalidInputException;

/**
 * The results of stock speed-test agents, as the agents write them, read into measurements:
 * <ul>
 * <li>Ookla's Speedtest CLI, {@code speedtest -f json}: one object, {@code "type": "result"}, with
 * {@code download.bandwidth} and {@code upload.bandwidth} in bytes per second, {@code ping.latency} in ms,
 * {@code packetLoss} in percent (absent when not measured) and an ISO-8601 {@code timestamp};</li>
 * <li>librespeed-cli, {@code --json}: an array of results (one per server tested), each with {@code download} and
 * {@code upload} in Mbps, {@code ping} in ms and an ISO-8601 {@code timestamp};</li>
 * <li>Speedtest Tracker's webhook: one object with {@code result_id}, {@code download} and {@code upload}, {@code ping}
 * in ms and {@code packet_loss} in percent. Releases up to 1.x send the speeds in bits per second and no
 * {@code event}; later ones name the {@code event} ({@code speedtest_completed}, …) and send whole Mbit/s. It carries
 * no time: the test completed when the webhook arrived. Events other than a completed test store nothing.</li>
 * </ul>
 * None says whether the test ran during class hours: left null, for the school day to decide.
 */
public final class AgentResults {

    /** The formats read. */
    public enum Format {
        OOKLA, LIBRESPEED, TRACKER
    }

    /** Speedtest Tracker's event for a finished test; its other events (started, failed, …) carry no result. */
    static final String TRACKER_COMPLETED = "speedtest_completed";

    private AgentResults() {
    }

    /**
     * Reads an agent's output as parsed JSON (maps, lists, numbers, strings).
     *
     * @param format   {@code ookla}, {@code librespeed} or {@code tracker}; null or empty: told by the content
     * @param point    where the agent measures from (ACCESS_POINT, SCHOOL_LAN, CENTRE_LINK or UPSTREAM; default
     *                 UPSTREAM: the stock agents test to a server on the internet)
     * @param received when the output arrived: the time of a result that does not carry its own
     */
    public static List<Measurement> read(Object body, String format, String point, OffsetDateTime received) {
        Format f = format == null || format.isBlank() ? detect(body) : parse(format);
        String where = point == null || point.isBlank() ? Measurement.Point.UPSTREAM.name()
                : point.trim().toUpperCase(Locale.ROOT);
        List<Measurement> out = new ArrayList<>();
        if (f == Format.OOKLA) {
            Map<?, ?> r = map(body, "body");
            double down = number(map(r.get("download"), "download"), "bandwidth", "download.bandwidth", true);
            Double up = numberOrNull(r.get("upload") instanceof Map<?, ?> u ? u : Map.of(), "bandwidth", "upload.bandwidth");
            Double latency = numberOrNull(r.get("ping") instanceof Map<?, ?> p ? p : Map.of(), "latency", "ping.latency");
            out.add(new Measurement(null, time(r, "timestamp"), mbps(down), up == null ? null : mbps(up), latency,
                    numberOrNull(r, "packetLoss", "packetLoss"), where, null, null));
        } else if (f == Format.TRACKER) {
            Map<?, ?> r = map(body, "body");
            Object event = r.get("event");
            if (event != null && !TRACKER_COMPLETED.equals(event)) {
                return out;
            }
            double down = number(r, "download", "download", true);
            Double up = numberOrNull(r, "upload", "upload");
            out.add(new Measurement(null, received, event == null ? bitsToMbps(down) : down,
                    up == null ? null : event == null ? bitsToMbps(up) : up, numberOrNull(r, "ping", "ping"),
                    numberOrNull(r, "packet_loss", "packet_loss"), where, null, null));
        } else {
            List<?> results = body instanceof List<?> l ? l : List.of(map(body, "body"));
            if (results.isEmpty()) {
                throw new InvalidInputException("body", "no result in librespeed-cli's output",
                        "librespeed-cli の出力に測定結果がありません");
            }
            for (int i = 0; i < results.size(); i++) {
                Map<?, ?> r = map(results.get(i), "[" + i + "]");
                out.add(new Measurement(null, time(r, "[" + i + "].timestamp"),
                        number(r, "download", "[" + i + "].download", true),
                        numberOrNull(r, "upload", "[" + i + "].upload"), numberOrNull(r, "ping", "[" + i + "].ping"),
                        null, where, null, null));
            }
        }
        return out;
    }

    /** Ookla's output is an object of {@code "type": "result"}; librespeed-cli's an array (or one object). */
    static Format detect(Object body) {
        if (body instanceof Map<?, ?> m && "result".equals(m.get("type")) && m.get("download") instanceof Map) {
            return Format.OOKLA;
        }
        if (body instanceof Map<?, ?> m && m.containsKey("result_id") && m.containsKey("download")) {
            return Format.TRACKER;
        }
        if (body instanceof List || body instanceof Map<?, ?> m2 && m2.get("download") instanceof Number) {
            return Format.LIBRESPEED;
        }
        throw new InvalidInputException("body", "not the output of a known speed-test agent: give Ookla's "
                + "`speedtest -f json`, librespeed-cli's `--json` or Speedtest Tracker's webhook as it is, or name it with "
                + "format=ookla|librespeed|tracker", "既知の速度測定エージェントの出力ではありません。Ookla の "
                + "`speedtest -f json`、librespeed-cli の `--json`、Speedtest Tracker の Webhook をそのまま送るか、"
                + "format=ookla|librespeed|tracker で形式を指定してください");
    }

    private static Format parse(String format) {
        try {
            return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "ookla, librespeed or tracker, was \"" + format + "\"",
                    "ookla・librespeed・tracker のいずれかにしてください（\"" + format + "\"でした）");
        }
    }

    /** Bytes per second → megabits per second. */
    static double mbps(double bytesPerSecond) {
        return Math.round(bytesPerSecond * 8 / 1_000_000 * 100) / 100.0;
    }

    /** Bits per second → megabits per second. */
    static double bitsToMbps(double bitsPerSecond) {
        return Math.round(bitsPerSecond / 1_000_000 * 100) / 100.0;
    }

    private static Map<?, ?> map(Object value, String field) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new InvalidInputException(field, "must be an object", "JSONのオブジェクトにしてください");
    }

    private static double number(Map<?, ?> r, String key, String field, boolean required) {
        Double v = numberOrNull(r, key, field);
        if (v == null) {
            throw new InvalidInputException(field, "required: a number", "必須です（数値）");
        }
        return v;
    }

    private static Double numberOrNull(Map<?, ?> r, String key, String field) {
        Object v = r.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidInputException(field, "must be a number, was " + v, "数値にしてください（" + v + "でした）");
    }

    private static OffsetDateTime time(Map<?, ?> r, String field) {
        Object v = r.get("timestamp");
        if (!(v instanceof String s)) {
            throw new InvalidInputException(field, "required: when the test ran (ISO-8601, e.g. 2026-06-02T01:00:00Z)",
                    "必須です（測定した日時。ISO-8601、例: 2026-06-02T01:00:00Z）");
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "not an ISO-8601 time with its offset: " + s,
                    "時差つきの ISO-8601 の日時にしてください（" + s + "でした）");
        }
    }
}
