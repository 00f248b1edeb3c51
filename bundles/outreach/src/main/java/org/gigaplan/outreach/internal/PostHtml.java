package org.gigaplan.outreach.internal;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Turns what the board wrote into the HTML readers get. Markdown is rendered with any raw HTML in it escaped (shown
 * as text); the result, like a body written in HTML, then keeps only a safe subset: paragraphs, headings, lists,
 * emphasis, quotes, code, tables and links to http, https or mailto (opened with {@code rel="nofollow noopener"}).
 * Scripts, styles, event handlers, frames, forms and {@code javascript:} links never reach a reader.
 */
final class PostHtml {

    private static final Safelist SAFE = Safelist.basic()
            .addTags("h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td")
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private PostHtml() {
    }

    static String render(Post.Format format, String body) {
        String html = format == Post.Format.MARKDOWN ? RENDERER.render(MARKDOWN.parse(body)) : body;
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFE, output).trim();
    }

    /** Whether a plain-text field (a title) holds markup, which it may not. */
    static boolean hasMarkup(String text) {
        return text.matches("(?s).*<\\s*[A-Za-z/!?].*");
    }
}
