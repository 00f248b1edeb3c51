package org.gigaplan.platform.internal.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.gigaplan.plan.model.Actor;
import org.gigaplan.plan.model.LocalizedText;

/** The words and figures of the year's report (PDF and CSV), in Japanese or English. */
final class ReportText {

    private static final Map<String, LocalizedText> WORDS = Map.ofEntries(
            Map.entry("report", LocalizedText.of("進捗報告", "Progress report")),
            Map.entry("city", LocalizedText.of("市全体", "Whole city")),
            Map.entry("computedAt", LocalizedText.of("集計", "Computed")),
            Map.entry("demo", LocalizedText.of("デモデータを含みます（実績ではありません）",
                    "Includes demo data (not real records)")),
            Map.entry("summary", LocalizedText.of("基本方針ごとの指標の状況", "Indicators by basic policy")),
            Map.entry("policy", LocalizedText.of("基本方針", "Basic policy")),
            Map.entry("other", LocalizedText.of("その他", "Other")),
            Map.entry("indicators", LocalizedText.of("指標数", "Indicators")),
            Map.entry("howToRead", LocalizedText.of("この報告の読み方", "How to read this report")),
            Map.entry("howToReadText", LocalizedText.of(
                    "各指標の値は、計画が定める定義に従って記録から算出しています。学校や学級の報告の上に立つ値は、"
                            + "対象の%d%%以上が報告したときにだけ目標と比べ、足りないときは「データ不足」とします。"
                            + "報告数／対象は、値を算出した学校または学級の数と、報告が見込まれる数です。",
                    "Each value is computed from the records as the plan defines the indicator. A value over the "
                            + "schools or classes that reported is judged against its target only when at least %d%% "
                            + "of those expected reported; otherwise it reads \"Insufficient data\". Reported / "
                            + "expected counts the schools or classes the value is over, and those expected.")),
            Map.entry("evaluation", LocalizedText.of("教育委員会の評価", "The board's evaluation")),
            Map.entry("noEvaluation", LocalizedText.of("（評価はまだ記入されていません）",
                    "(No evaluation written yet)")),
            Map.entry("chart", LocalizedText.of("指標の値と目標", "Indicators: value and target")),
            Map.entry("chartKey", LocalizedText.of("棒：値　縦線：目標", "Bar: value   Line: target")),
            Map.entry("indicator", LocalizedText.of("指標", "Indicator")),
            Map.entry("target", LocalizedText.of("目標", "Target")),
            Map.entry("value", LocalizedText.of("値", "Value")),
            Map.entry("coverage", LocalizedText.of("報告数／対象", "Reported / expected")),
            Map.entry("status", LocalizedText.of("状況", "Status")),
            Map.entry("items", LocalizedText.of("取組", "Action items")),
            Map.entry("actor", LocalizedText.of("主体", "By")),
            Map.entry("noIndicator", LocalizedText.of("根拠となる指標なし", "No indicator")),
            Map.entry("noModule", LocalizedText.of("この基本方針のモジュールは導入されていません。",
                    "No module of this basic policy is installed.")),
            Map.entry("page", LocalizedText.of("%d／%dページ", "Page %d of %d")));

    private static final DateTimeFormatter ERA = DateTimeFormatter.ofPattern("GGGGy年M月d日 H:mm", Locale.JAPAN);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM uuuu, H:mm", Locale.ENGLISH);

    private final boolean japanese;

    ReportText(boolean japanese) {
        this.japanese = japanese;
    }

    boolean japanese() {
        return japanese;
    }

    String word(String key) {
        LocalizedText text = WORDS.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no report word " + key);
        }
        return of(text);
    }

    String of(LocalizedText text) {
        return text == null ? "" : japanese ? text.ja() : text.en();
    }

    String actor(Actor actor) {
        return of(actor.label());
    }

    /** A moment as people read it: 令和8年12月1日 15:00 (JST), or 1 Dec 2026, 15:00 (JST). */
    String moment(Instant at, ZoneId zone) {
        var local = at.atZone(zone);
        String zoneName = "Asia/Tokyo".equals(zone.getId()) ? "JST" : zone.getId();
        if (japanese) {
            return ERA.format(JapaneseDate.from(local.toLocalDate()).atTime(local.toLocalTime())) + "（" + zoneName
                    + "）";
        }
        return ENGLISH.format(local) + " (" + zoneName + ")";
    }

    /** A figure with its unit, as the dashboard shows it: percentages with one decimal, other figures at most one. */
    String value(Double value, String unit) {
        if (value == null) {
            return "–";
        }
        String number = oneDecimal(value);
        if ("%".equals(unit)) {
            return number + (japanese ? "%" : " %");
        }
        return unit == null || unit.isBlank() ? number : number + " " + unit;
    }

    /** A figure rounded to one decimal as the report shows it, without the unit: 87.5, 100. */
    static String oneDecimal(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.valueOf(rounded);
    }
}
