package org.gigaplan.platform.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.gigaplan.plan.model.ActionPlan;
import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.Plan;
import org.gigaplan.plan.service.PlanVersion;
import org.gigaplan.plan.service.PlanVersion.Change;

/**
 * What importing a plan file does to the plan in force, told before anything is stored: every field it changes, and
 * what of the board's work in the platform it would throw away — the changes made here (roll-forwards, edits,
 * publications) since the newest import that it undoes, and the action plans the file lacks. An import that would lose
 * any of that is refused unless the caller confirms it ({@code replace}); a dry run answers this record.
 *
 * @param planId             the file's plan
 * @param dataVersion        the file's data version
 * @param inForce            the plan version in force, compared with
 * @param lastImport         the newest imported version up to it (the one in force when that is an import)
 * @param madeHere           how many versions were made here since {@code lastImport}
 * @param unchanged          whether the file is the plan in force (same data version, no field changed): importing it
 *                           stores nothing
 * @param changes            every field the import changes, the plan in force → the file
 * @param undone             those of {@code changes} that undo what was made here since {@code lastImport}
 * @param actionPlansDropped the fiscal years whose action plans the plan in force has and the file lacks
 * @param replaceNeeded      whether the import is refused without {@code replace}: {@code undone} or
 *                           {@code actionPlansDropped} is not empty
 */
public record PlanImportCheck(String planId, String dataVersion, long inForce, long lastImport, int madeHere,
        boolean unchanged, List<Change> changes, List<Change> undone, List<Integer> actionPlansDropped,
        boolean replaceNeeded) {

    public PlanImportCheck {
        changes = List.copyOf(changes);
        undone = List.copyOf(undone);
        actionPlansDropped = List.copyOf(actionPlansDropped);
    }

    /**
     * Compares a file with the plan in force.
     *
     * @param current    the plan in force, version {@code inForce}
     * @param lastImport the plan as the newest import made it, version {@code lastImportVersion}
     * @param madeHere   the versions made here since that import
     */
    static PlanImportCheck of(Plan file, Plan current, long inForce, Plan lastImport, long lastImportVersion,
            List<PlanVersion> madeHere) {
        List<Change> changes = PlanDiff.between(current, file);
        List<Change> undone = madeHere.isEmpty() ? List.of()
                : PlanDiff.touching(changes, PlanDiff.between(lastImport, current));
        List<Integer> dropped = new ArrayList<>();
        for (ActionPlan a : current.actionPlans()) {
            if (file.actionPlan(a.fiscalYear()).isEmpty()) {
                dropped.add(a.fiscalYear());
            }
        }
        boolean unchanged = changes.isEmpty() && Objects.equals(current.dataVersion(), file.dataVersion());
        return new PlanImportCheck(file.id(), file.dataVersion(), inForce, lastImportVersion, madeHere.size(),
                unchanged, changes, undone, dropped, !undone.isEmpty() || !dropped.isEmpty());
    }

    /** What the import would lose and how to go on, in English. */
    public String refusal() {
        List<String> lost = new ArrayList<>();
        if (!undone.isEmpty()) {
            lost.add("undo " + undone.size() + " of the changes made here since plan version " + lastImport
                    + " was imported (" + madeHere + (madeHere == 1 ? " version" : " versions") + ")");
        }
        if (!actionPlansDropped.isEmpty()) {
            lost.add("drop the action " + (actionPlansDropped.size() == 1 ? "plan" : "plans") + " of "
                    + years(false));
        }
        return "this import would " + String.join(" and ", lost) + ": import a file that carries them, see what it "
                + "would change with dryRun=true (plan:import --dry-run), or replace them knowingly with replace=true "
                + "(plan:import --replace)";
    }

    /** What the import would lose and how to go on, in Japanese. */
    public String refusalJapanese() {
        List<String> lost = new ArrayList<>();
        if (!undone.isEmpty()) {
            lost.add("計画バージョン" + lastImport + "の取り込み後にここで行った変更（" + madeHere + "版）のうち" + undone.size()
                    + "件を元に戻し");
        }
        if (!actionPlansDropped.isEmpty()) {
            lost.add(years(true) + "の行動計画を削除し");
        }
        return "この取り込みは" + String.join("、", lost) + "ます。それらを含むファイルを取り込むか、dryRun=true"
                + "（plan:import --dry-run）で変更内容を確かめるか、承知のうえで replace=true（plan:import --replace）を付けて"
                + "置き換えてください";
    }

    /** What a confirmed replace threw away, for the audit log. */
    public String replaced() {
        List<String> lost = new ArrayList<>();
        if (!undone.isEmpty()) {
            lost.add(undone.size() + " changes made here since version " + lastImport + " undone");
        }
        if (!actionPlansDropped.isEmpty()) {
            lost.add("action plans of " + years(false) + " dropped");
        }
        return "replaced on confirmation: " + String.join(", ", lost);
    }

    private String years(boolean japanese) {
        return actionPlansDropped.stream().map(FiscalYear::of)
                .map(y -> japanese ? y.year() + "年度（" + y.japaneseLabel() + "）" : y.toString())
                .collect(Collectors.joining(japanese ? "、" : ", "));
    }
}
