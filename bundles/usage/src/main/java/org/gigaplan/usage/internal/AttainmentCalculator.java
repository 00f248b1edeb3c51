package org.gigaplan.usage.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gigaplan.plan.spi.Percent;
import org.gigaplan.usage.internal.SceneAttainment.SceneFigure;
import org.gigaplan.usage.internal.store.KeptCounts;
import org.gigaplan.usage.internal.store.WeekQueries.Count;

/**
 * The plan's arithmetic for the scene targets. A class meets a scene's target in a period when its uses in that
 * scene, averaged over the weeks of the period it reported, reach the uses a week of the target (counted where the
 * counts are kept: {@link org.gigaplan.usage.internal.store.KeptCounts}); a school meets it when at least
 * {@code schoolClassShare} % of its reporting classes do. Classes and schools without records are not counted either
 * way: they are on the non-reporting list instead.
 */
public final class AttainmentCalculator {

    private final int schoolClassShare;
    private final List<Integer> scenes;

    public AttainmentCalculator(int schoolClassShare, List<Integer> scenes) {
        this.schoolClassShare = schoolClassShare;
        this.scenes = List.copyOf(scenes);
    }

    /** The school rule: at least {@code schoolClassShare} % of its reporting classes meet the target. */
    public boolean schoolMeets(int classes, int classesMeeting) {
        return KeptCounts.schoolMeets(classes, classesMeeting, schoolClassShare);
    }

    public int schoolClassShare() {
        return schoolClassShare;
    }

    /** Figures per scene from totals already summed over schools, in the plan's scene order. */
    public List<SceneFigure> fromTotals(Map<Integer, Total> byScene) {
        List<SceneFigure> out = new ArrayList<>();
        for (int scene : scenes) {
            Total t = byScene.getOrDefault(scene, new Total(0, 0, 0, 0));
            out.add(new SceneFigure(scene, t.classes(), t.classesMeeting(), Percent.of(t.classesMeeting(), t.classes()),
                    t.schools(), t.schoolsMeeting(), Percent.of(t.schoolsMeeting(), t.schools())));
        }
        return out;
    }

    /** Classes reporting and meeting the target, schools reporting and meeting the school rule, in one scene. */
    public record Total(int classes, int classesMeeting, int schools, int schoolsMeeting) {
    }

    /** Figures per scene over counts of classes (of classes, grades or schools; several per school add up). */
    public List<SceneFigure> fromCounts(Collection<Count> rows) {
        Counts counts = new Counts();
        for (Count c : rows) {
            counts.add(c.scene(), c.schoolId(), c.classes(), c.classesMeeting());
        }
        return counts.figures();
    }

    /** Classes and classes meeting, per scene and school. */
    private final class Counts {
        private final Map<Integer, Map<String, int[]>> byScene = new TreeMap<>();

        void add(int scene, String school, int classes, int meeting) {
            int[] c = byScene.computeIfAbsent(scene, k -> new TreeMap<>()).computeIfAbsent(school, k -> new int[2]);
            c[0] += classes;
            c[1] += meeting;
        }

        List<SceneFigure> figures() {
            Map<Integer, Total> totals = new TreeMap<>();
            byScene.forEach((scene, schools) -> {
                int classes = 0;
                int meeting = 0;
                int schoolsMeeting = 0;
                for (int[] c : schools.values()) {
                    classes += c[0];
                    meeting += c[1];
                    schoolsMeeting += schoolMeets(c[0], c[1]) ? 1 : 0;
                }
                totals.put(scene, new Total(classes, meeting, schools.size(), schoolsMeeting));
            });
            return fromTotals(totals);
        }
    }
}
