package org.gigaplan.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.ActionItem;
import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.BasicPolicy;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.model.SchoolType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plan shipped with the platform against the plan's own text (../shared/seed): every action item,
 * scene target and outlook line of the seed is in the data, word for word, and nothing else is.
 */
class ShippedPlanTest {

    private static Plan plan;
    private static ActionPlan fy2025;
    private static String seed;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ShippedPlanTest.class.getClassLoader().getResourceAsStream(PlanReader.SHIPPED_PLAN)) {
            plan = PlanReader.read(in.readAllBytes());
        }
        fy2025 = plan.actionPlan(2025).orElseThrow();
        String path = System.getProperty("gigaplan.seed");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)), "seed text not found at " + path);
        seed = Files.readString(Path.of(path), StandardCharsets.UTF_8);
    }

    /** The seed was extracted from a PDF: lines break anywhere. Compare text with every space removed. */
    private static String squeeze(String s) {
        return s.replaceAll("[\\s\\u3000]", "");
    }

    @Test
    void coversFiscal2023To2027WithTheFiscal2025ActionPlan() {
        assertEquals(2023, plan.firstYear());
        assertEquals(2027, plan.lastYear());
        assertEquals("令和7年度", fy2025.year().japaneseLabel());
        assertTrue(squeeze(seed).contains(squeeze(plan.vision().ja()).replace("「", "").replace("」", "")));
    }

    @Test
    void holdsTheFourBasicPoliciesWithTheSeedsTitlesAndMeasures() {
        assertEquals(List.of(1, 2, 3, 4), fy2025.policies().stream().map(BasicPolicy::number).toList());
        String text = squeeze(seed);
        for (BasicPolicy policy : fy2025.policies()) {
            assertTrue(text.contains(squeeze(policy.title().ja())), "policy title not in seed: " + policy.title().ja());
            policy.measures().forEach(m -> {
                assertTrue(text.contains(squeeze(m.number() + m.title().ja())), "measure not in seed: " + m.title().ja());
                m.focuses().forEach(f -> assertTrue(text.contains(squeeze(f.mark() + f.title().ja())),
                        "focus not in seed: " + f.title().ja()));
            });
            assertNotEquals("", policy.title().en());
        }
    }

    @Test
    void holdsEveryActionItemOfTheSeedWordForWord() {
        List<ActionItem> items = fy2025.actionItems();
        // Each action item in the seed is a bullet "●".
        assertEquals(seed.chars().filter(c -> c == '●').count(), items.size());
        String text = squeeze(seed);
        for (ActionItem item : items) {
            assertTrue(text.contains(squeeze(item.text().ja())), "not in the seed: " + item.id() + " " + item.text().ja());
            assertTrue(item.priority(), item.id());
            assertFalse(item.text().en().isBlank(), item.id());
            assertEquals(item.id().contains("-B") ? Actor.BOARD : Actor.SCHOOL, item.actor(), item.id());
        }
        assertEquals(13, items.size());
        assertEquals(7, items.stream().filter(i -> i.actor() == Actor.BOARD).count());
        assertEquals(Set.of(), fy2025.policy(3).orElseThrow().actionItems().stream()
                .filter(i -> i.actor() == Actor.SCHOOL).collect(Collectors.toSet()), "policy 3 has board items only");
    }

    @Test
    void holdsTheFiveSceneTargetsForElementaryAndJuniorHigh() {
        assertEquals(5, fy2025.sceneTargets().size());
        String text = squeeze(seed);
        fy2025.sceneTargets().forEach(t -> {
            assertEquals(3, t.timesPerWeek());
            assertEquals(List.of(SchoolType.ELEMENTARY, SchoolType.JUNIOR_HIGH), t.schoolTypes());
            assertTrue(text.contains(squeeze(t.text().ja())), "scene target not in seed: " + t.text().ja());
        });
        assertEquals(2, fy2025.notes().size());
    }

    @Test
    void holdsEveryOutlookLine() {
        String outlookPage = seed.substring(seed.indexOf("今後の展望"));
        assertEquals(outlookPage.chars().filter(c -> c == '・').count(), plan.outlook().size());
        String text = squeeze(outlookPage);
        plan.outlook().forEach(o -> {
            assertTrue(o.policy() >= 1 && o.policy() <= 4);
            assertEquals(2027, o.toYear());
            assertFalse(o.text().en().isBlank());
            // One outlook line is interrupted by a column label in the extracted text: compare its start.
            String start = squeeze(o.text().ja()).substring(0, Math.min(8, squeeze(o.text().ja()).length()));
            assertTrue(text.contains(start), "outlook line not in seed: " + o.text().ja());
        });
    }

    @Test
    void linksActionItemsOnlyToIndicatorsItDefines() {
        Set<String> ids = plan.indicators().stream().map(i -> i.id()).collect(Collectors.toSet());
        fy2025.actionItems().forEach(i -> assertTrue(ids.containsAll(i.indicatorIds()), i.id()));
        // The seed sets two targets for FY2025: 3+ uses a week in every scene, and a parent meeting in every school.
        assertEquals(100.0, plan.indicator("usage.scene1").orElseThrow().targetFor(FiscalYear.of(2025)).orElseThrow().value());
        assertEquals(100.0, plan.indicator("outreach.parent-meeting").orElseThrow().targetFor(FiscalYear.of(2025))
                .orElseThrow().value());
        plan.indicators().forEach(i -> assertEquals(null, i.baseline(), "the seed gives no baselines: " + i.id()));
    }

    @Test
    void everyActionItemHasEvidenceFromAShippedModule() {
        // P1-B1 (distribute lesson cases) had none; P1-S2, P2-B2 and P3-B2's second half were only partly measured.
        Set<String> modules = Set.of("usage", "training", "environment", "outreach");
        fy2025.actionItems().forEach(item -> {
            assertFalse(item.indicatorIds().isEmpty(), item.id() + " has no indicator");
            item.indicatorIds().forEach(id -> assertTrue(modules.contains(plan.indicator(id).orElseThrow().module()),
                    id + " of " + item.id() + " is computed by no shipped module"));
        });
        assertTrue(fy2025.actionItems().stream().filter(i -> i.id().equals("P1-B1")).findFirst().orElseThrow()
                .indicatorIds().containsAll(List.of("usage.lesson-cases", "usage.case-adoption")));
        assertTrue(fy2025.actionItems().stream().filter(i -> i.id().equals("P3-B2")).findFirst().orElseThrow()
                .indicatorIds().contains("environment.learner-history"));
    }
}
