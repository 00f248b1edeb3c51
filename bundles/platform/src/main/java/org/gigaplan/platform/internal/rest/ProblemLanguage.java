package org.gigaplan.platform.internal.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;

import org.gigaplan.plan.rest.InvalidInputException.FieldError;

/**
 * Error answers in the caller's language: a problem's title, and the wording the platform's field checks and access
 * rules use, in Japanese for a caller whose first {@code Accept-Language} is Japanese, or who names none when the
 * deployment's language is Japanese (Sendai's). Field names stay as they are (they name the JSON). A module's own
 * detail is answered in the Japanese the module gave with it ({@code FieldError.japanese}); one without stays in
 * English, under a Japanese title.
 */
@Priority(Priorities.USER + 500)
public final class ProblemLanguage implements ContainerResponseFilter {

    /** Titles by status. */
    static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "入力に誤りがあります"),
            Map.entry(401, "ログインが必要です"), Map.entry(403, "この操作はできません"), Map.entry(404, "見つかりません"),
            Map.entry(405, "この方法では扱えません"), Map.entry(406, "この形式では答えられません"),
            Map.entry(409, "登録済みのデータと競合します"), Map.entry(413, "大きすぎます"),
            Map.entry(415, "この形式は受け付けません"), Map.entry(429, "リクエストが多すぎます"),
            Map.entry(500, "サーバーの内部エラーです"), Map.entry(503, "一時的に利用できません"));

    /** The platform's own wording, pattern by pattern (anchored), in the order tried. */
    static final Map<Pattern, String> DETAILS = new LinkedHashMap<>();

    static {
        detail("required", "必須です");
        detail("required: (.+)", "必須です（$1）");
        detail("at most (\\d+) characters, was (\\d+)", "$1文字以内にしてください（$2文字でした）");
        detail("at most (\\d+) characters", "$1文字以内にしてください");
        detail("must be between (\\S+) and (\\S+), was (.+)", "$1〜$2の範囲にしてください（$3でした）");
        detail("must be between (\\S+) and (\\S+) .+, was (.+)", "$1〜$2の範囲にしてください（$3でした）");
        detail("contains control characters", "制御文字は使えません");
        detail("one line: no line breaks or tabs", "1行で入力してください（改行やタブは使えません）");
        detail("is in the future: (.+)", "未来の日付です（$1）");
        detail("no school (\\S+)", "学校 $1 はありません");
        detail("(\\d+) fields are invalid", "$1個の項目に誤りがあります");
        detail("wrong user name or password", "ユーザー名かパスワードが違います");
        detail("unknown, wrong or revoked API key", "APIキーが違うか、無効にされています");
        detail("school (\\S+) is not yours", "学校 $1 の情報は扱えません");
        detail(java.util.regex.Pattern.quote(org.gigaplan.plan.security.Caller.ANOTHER_SCHOOLS), "他の学校の情報は扱えません");
        detail("log in: this needs one of the roles (.+)", "ログインしてください（必要な役割: $1）");
        detail("this needs one of the roles (.+); you are (\\S+)", "この操作には役割 $1 が必要です（あなたは $2）");
        detail("the board has switched (\\S+) off for school (\\S+)", "教育委員会が学校 $2 で $1 を停止しています");
        detail("too many wrong passwords for user (\\S+) from this address: try again in (\\d+) s",
                "ユーザー $1 のパスワードの誤りが続いたため、この端末からは $2 秒後までログインできません");
        detail("user (\\S+) has no GIGA Plan role.*", "ユーザー $1 にはGIGA Planの役割がありません");
        detail("cross-site request refused: .*", "他のサイトからの書き込みは受け付けません");
        detail("this write lacks the session's token .*", "書き込みにセッションの確認用トークンがありません。ページを読み込み直してください");
    }

    private static void detail(String english, String japanese) {
        DETAILS.put(Pattern.compile(english), japanese);
    }

    private final String defaultLanguage;

    /** @param defaultLanguage the deployment's language as configured, for callers that name none */
    public ProblemLanguage(String defaultLanguage) {
        this.defaultLanguage = deploymentLanguage(defaultLanguage);
    }

    /** The deployment's language as configured ({@code language} of ApiConfig), trimmed and lower case; ja if none. */
    static String deploymentLanguage(String configured) {
        return configured == null ? "ja" : configured.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem && japanese(request)) {
            response.setEntity(japanese(problem), response.getEntityAnnotations(), response.getMediaType());
        }
    }

    private boolean japanese(ContainerRequestContext request) {
        return japanese(request.getHeaderString("Accept-Language"), request.getAcceptableLanguages(),
                defaultLanguage);
    }

    /**
     * Whether a caller reads Japanese: their first language when they name any ({@code Accept-Language}), else the
     * deployment's ({@link #deploymentLanguage}).
     */
    static boolean japanese(String acceptLanguage, List<Locale> wanted, String defaultLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return "ja".equals(defaultLanguage);
        }
        return !wanted.isEmpty() && "ja".equals(wanted.get(0).getLanguage());
    }

    /** The problem in Japanese: its title, its detail and each field's detail where the wording is known. */
    static Problem japanese(Problem p) {
        List<FieldError> errors = p.errors() == null ? List.of()
                : p.errors().stream().map(e -> new FieldError(e.field(),
                        e.japanese() != null ? e.japanese() : text(e.detail()))).toList();
        String detail = p.detail();
        if (detail != null && p.errors() != null && p.errors().size() == 1
                && detail.equals(p.errors().get(0).field() + ": " + p.errors().get(0).detail())) {
            detail = errors.get(0).field() + ": " + errors.get(0).detail();
        } else if (detail != null && p.errors() != null && p.errors().size() == 1
                && detail.equals(p.errors().get(0).detail())) {
            // A conflict's detail is its field's (Problem.conflict): answered in the same words.
            detail = errors.get(0).detail();
        } else {
            detail = text(detail);
        }
        return new Problem(p.type(), TITLES.getOrDefault(p.status(), p.title()), p.status(), detail, p.field(), errors);
    }

    /** A detail in Japanese where its wording is one of the platform's, else as it is. */
    static String text(String english) {
        if (english == null) {
            return null;
        }
        for (Map.Entry<Pattern, String> known : DETAILS.entrySet()) {
            Matcher m = known.getKey().matcher(english);
            if (m.matches()) {
                return m.replaceFirst(known.getValue());
            }
        }
        return english;
    }
}
