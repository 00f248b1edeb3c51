package org.gigaplan.environment.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.gigaplan.plan.model.LocalizedText;

/**
 * MEXT's 当面の推奨帯域 (2024): the measured throughput a school needs by its enrollment, shipped as data
 * ({@value #RESOURCE}). Between rows the value is interpolated linearly, and says so.
 */
public final class RecommendedBandwidth {

    public static final String RESOURCE = "bandwidth/mext-2024.csv";

    /** A row of the table. */
    public record Row(int enrollment, double mbps) {
    }

    /**
     * The recommendation for an enrollment.
     *
     * @param interpolated true when the enrollment falls between two rows of the table
     * @param basis        how it was obtained, in words
     */
    public record Recommendation(int enrollment, double mbps, boolean interpolated, LocalizedText basis) {
    }

    private final List<Row> rows;

    public RecommendedBandwidth(List<Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the table has no rows");
        }
        this.rows = List.copyOf(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public static RecommendedBandwidth shipped() {
        try (InputStream in = RecommendedBandwidth.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bundle");
            }
            List<Row> rows = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#") || t.startsWith("enrollment")) {
                    continue;
                }
                String[] cells = t.split(",");
                rows.add(new Row(Integer.parseInt(cells[0].trim()), Double.parseDouble(cells[1].trim())));
            }
            return new RecommendedBandwidth(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Recommendation forEnrollment(int enrollment) {
        Row first = rows.get(0);
        Row last = rows.get(rows.size() - 1);
        if (enrollment <= first.enrollment()) {
            return new Recommendation(enrollment, first.mbps(), false, LocalizedText.of(
                    "表の最初の行（" + first.enrollment() + "人）", "the table's first row (" + first.enrollment() + " students)"));
        }
        if (enrollment >= last.enrollment()) {
            return new Recommendation(enrollment, last.mbps(), false, LocalizedText.of(
                    "表の最後の行（" + last.enrollment() + "人）", "the table's last row (" + last.enrollment() + " students)"));
        }
        for (int i = 1; i < rows.size(); i++) {
            Row lo = rows.get(i - 1);
            Row hi = rows.get(i);
            if (enrollment == hi.enrollment()) {
                return new Recommendation(enrollment, hi.mbps(), false,
                        LocalizedText.of("表の値（" + hi.enrollment() + "人）", "the table's row for " + hi.enrollment()));
            }
            if (enrollment < hi.enrollment()) {
                double mbps = lo.mbps() + (hi.mbps() - lo.mbps()) * (enrollment - lo.enrollment())
                        / (hi.enrollment() - lo.enrollment());
                double rounded = Math.round(mbps * 10) / 10.0;
                return new Recommendation(enrollment, rounded, true, LocalizedText.of(
                        lo.enrollment() + "人と" + hi.enrollment() + "人の行の間を直線補間",
                        "interpolated linearly between the rows for " + lo.enrollment() + " and " + hi.enrollment()));
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
