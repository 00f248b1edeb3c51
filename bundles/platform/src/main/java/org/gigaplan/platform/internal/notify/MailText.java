package org.gigaplan.platform.internal.notify;

import java.util.List;

import org.gigaplan.plan.model.FiscalYear;
import org.gigaplan.plan.model.LocalizedText;
import org.gigaplan.plan.notify.Notice;

/** The words of a mail: a notice's, or a digest of several, in the reader's language, with links to the work. */
final class MailText {

    static final String PREFIX = "[GIGA Plan] ";

    private MailText() {
    }

    /** The address of a dashboard route, from the dashboard's address as configured. */
    static String address(String dashboardUrl, String link) {
        String base = dashboardUrl.endsWith("/") ? dashboardUrl : dashboardUrl + "/";
        return base + (link == null ? "#/inbox" : link);
    }

    static String subject(LocalizedText subject, boolean japanese) {
        return PREFIX + (japanese ? subject.ja() : subject.en());
    }

    /** One notice's mail: its text, where to act, what it is about, and why the reader gets it. */
    static String body(Notice n, boolean japanese, String dashboardUrl) {
        StringBuilder b = new StringBuilder(japanese ? n.body().ja() : n.body().en()).append("\n\n");
        b.append(japanese ? "開く: " : "Open: ").append(address(dashboardUrl, n.link())).append('\n');
        if (n.schoolId() != null) {
            b.append(japanese ? "学校: " : "School: ").append(n.schoolId()).append('\n');
        }
        if (n.fiscalYear() != null) {
            LocalizedText year = FiscalYear.of(n.fiscalYear()).label();
            b.append(japanese ? "年度: " : "Fiscal year: ").append(japanese ? year.ja() : year.en()).append('\n');
        }
        return b.append(footer(japanese, dashboardUrl)).toString();
    }

    /** A digest: each notice's subject and link, oldest first. */
    static String digest(List<NotifyStore.Kept> notices, boolean japanese, String dashboardUrl) {
        StringBuilder b = new StringBuilder(japanese ? "この1週間のお知らせ（" + notices.size() + "件）です。\n\n"
                : "Your notices of the past week (" + notices.size() + "):\n\n");
        for (NotifyStore.Kept k : notices) {
            b.append("・").append(japanese ? k.subject().ja() : k.subject().en()).append('\n')
                    .append("  ").append(address(dashboardUrl, k.link())).append('\n');
        }
        return b.append('\n').append(footer(japanese, dashboardUrl)).toString();
    }

    private static String footer(boolean japanese, String dashboardUrl) {
        String inbox = address(dashboardUrl, "#/inbox");
        return japanese ? "--\nGIGA Plan からの自動送信です。受け取り方（すぐに・週1回のまとめ・メールなし）は " + inbox
                + " で変えられます。\n"
                : "--\nSent automatically by GIGA Plan. Choose how you get these (at once, a weekly digest, no mail) at "
                        + inbox + "\n";
    }
}
