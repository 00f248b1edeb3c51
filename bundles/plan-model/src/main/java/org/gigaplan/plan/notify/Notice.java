package org.gigaplan.plan.notify;

import java.util.Objects;

import org.gigaplan.plan.model.LocalizedText;

/**
 * One thing someone has to act on: what happened, for whom, and where in the dashboard the work is done.
 *
 * @param kind       what kind of notice, {@code <module id>.<name>}: users choose per kind how they get it
 *                   (e.g. {@code usage.not-reporting})
 * @param key        the notice's identity: a notice whose key was sent before is not sent again, so a job that runs
 *                   twice (two nodes, a restart mid-run) sends each notice once. Say what makes it one, e.g.
 *                   {@code usage.not-reporting/2026-11-23/S-E01}
 * @param audience   who it is for
 * @param subject    one line, e.g. the mail's subject; name the school and the fiscal year where there is one
 * @param body       the whole text; plain text, paragraphs separated by blank lines
 * @param link       where the work is done: a dashboard route ({@code #/…}), turned into a full address in mails
 * @param schoolId   the school it is about, if any
 * @param fiscalYear the fiscal year it is about, if any
 */
public record Notice(String kind, String key, Audience audience, LocalizedText subject, LocalizedText body,
        String link, String schoolId, Integer fiscalYear) {

    /** The longest key kept. */
    public static final int MAX_KEY = 200;

    public Notice {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*\\.[a-z0-9.-]+")) {
            throw new IllegalArgumentException("a notice's kind is <module id>.<name>, was " + kind);
        }
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a notice's key is 1 to " + MAX_KEY + " characters, was " + key);
        }
        if (link != null && !link.startsWith("#/")) {
            throw new IllegalArgumentException("a notice links to a dashboard route (#/…), was " + link);
        }
    }
}
