package org.gigaplan.outreach.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What reaches a reader of a post. */
class PostHtmlTest {

    @Test
    void markdownKeepsItsFormattingAndShowsRawHtmlAsText() {
        String html = PostHtml.render(Post.Format.MARKDOWN, "## 見出し\n\n**太字** と [リンク](https://example.jp/a)\n\n"
                + "<script>alert(1)</script>\n\n- 一\n- 二");
        assertTrue(html.contains("<h2>見出し</h2>"), html);
        assertTrue(html.contains("<strong>太字</strong>"), html);
        assertTrue(html.contains("<a href=\"https://example.jp/a\" rel=\"nofollow noopener\">リンク</a>"), html);
        assertTrue(html.contains("<li>一</li>"), html);
        assertFalse(html.contains("<script"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text: " + html);
    }

    @Test
    void htmlKeepsOnlyTheSafeSubset() {
        String html = PostHtml.render(Post.Format.HTML, "<p onclick=\"steal()\">Hi <b>there</b></p>"
                + "<script>alert(1)</script><iframe src=\"https://evil.example\"></iframe>"
                + "<a href=\"javascript:alert(1)\">x</a><a href=\"mailto:ict@example.jp\">mail</a>"
                + "<img src=x onerror=alert(1)><style>body{}</style><table><tr><td>1</td></tr></table>");
        assertEquals("<p>Hi <b>there</b></p><a rel=\"nofollow noopener\">x</a>"
                + "<a href=\"mailto:ict@example.jp\" rel=\"nofollow noopener\">mail</a>"
                + "<table><tbody><tr><td>1</td></tr></tbody></table>", html);
        assertFalse(PostHtml.render(Post.Format.MARKDOWN, "[x](javascript:alert(1))").contains("javascript"));
    }

    @Test
    void titlesArePlainText() {
        assertTrue(PostHtml.hasMarkup("<script>alert(1)</script>"));
        assertTrue(PostHtml.hasMarkup("a <b>b</b>"));
        assertFalse(PostHtml.hasMarkup("1 < 2 で 3 > 2"));
    }
}
