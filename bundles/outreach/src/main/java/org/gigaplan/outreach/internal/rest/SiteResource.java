package org.gigaplan.outreach.internal.rest;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.gigaplan.outreach.internal.MeetingService;
import org.gigaplan.outreach.internal.OutreachConfig;
import org.gigaplan.outreach.internal.Post;
import org.gigaplan.outreach.internal.PostService;
import org.gigaplan.plan.model.EnumText;
import org.gigaplan.plan.rest.GigaPlanResource;
import org.gigaplan.plan.rest.InvalidInputException;
import org.gigaplan.plan.rest.Page;
import org.gigaplan.plan.rest.PageRequest;
import org.gigaplan.plan.security.Public;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The support site as families read it, without logging in: published posts whose time has come, as JSON and as an
 * Atom feed. Drafts, posts in review, scheduled and archived posts are not there (404 by id). Bodies are the
 * sanitised HTML only.
 */
@Component(service = SiteResource.class)
@GigaPlanResource(name = "outreach.site")
@Path("outreach/site")
@Produces(MediaType.APPLICATION_JSON)
@Public
public class SiteResource {

    public static final String ATOM = "application/atom+xml";
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final int FEED_ENTRIES = 20;

    private final PostService posts;
    private final OutreachConfig config;

    @Activate
    public SiteResource(@Reference PostService posts, @Reference MeetingService meetings) {
        this.posts = posts;
        this.config = meetings.config();
    }

    /** Published posts, newest first, by language, category and audience (posts for everyone included). */
    @GET
    @Path("posts")
    public Page<Post.Published> posts(@QueryParam("lang") String lang, @QueryParam("category") String category,
            @QueryParam("audience") String audience, @QueryParam("offset") Integer offset,
            @QueryParam("limit") Integer limit) {
        return posts.published(lang(lang), category == null ? null : parse(Post.Category.values(), category, "category"),
                audience == null ? null : parse(Post.Audience.values(), audience, "audience"), PageRequest.of(offset, limit));
    }

    /** One published post; 404 for anything readers may not see. */
    @GET
    @Path("posts/{id}")
    public Post.Published post(@PathParam("id") long id) {
        return posts.publishedPost(id).orElseThrow(() -> new NotFoundException("no published post " + id));
    }

    /** The newest published posts of a language (ja by default) as an Atom feed. */
    @GET
    @Path("feed")
    @Produces(ATOM)
    public Response feed(@QueryParam("lang") String lang, @Context UriInfo uri) {
        String language = lang(lang) == null ? "ja" : lang(lang);
        Page<Post.Published> page = posts.published(language, null, null, PageRequest.of(0, FEED_ENTRIES));
        String self = uri.getAbsolutePath().toString() + "?lang=" + language;
        String base = config.siteUrl().isBlank() ? uri.getBaseUri().toString() + "outreach/site/posts/"
                : config.siteUrl().replaceAll("/+$", "") + "/posts/";
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM_NS);
            x.writeAttribute("xml:lang", language);
            element(x, "id", "urn:gigaplan:outreach:site:" + language);
            element(x, "title", "ja".equals(language) ? config.siteTitleJa() : config.siteTitleEn());
            Instant updated = page.items().stream().map(Post.Published::updatedAt).max(Instant::compareTo)
                    .orElse(Instant.EPOCH);
            element(x, "updated", updated.truncatedTo(ChronoUnit.SECONDS).toString());
            x.writeEmptyElement("link");
            x.writeAttribute("rel", "self");
            x.writeAttribute("href", self);
            for (Post.Published p : page.items()) {
                x.writeStartElement("entry");
                element(x, "id", "urn:gigaplan:outreach:post:" + p.id());
                element(x, "title", p.title());
                element(x, "published", p.publishedAt().truncatedTo(ChronoUnit.SECONDS).toString());
                element(x, "updated", p.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
                x.writeEmptyElement("link");
                x.writeAttribute("href", base + p.id());
                x.writeEmptyElement("category");
                x.writeAttribute("term", p.category().name());
                x.writeAttribute("label", "ja".equals(language) ? p.categoryLabel().ja() : p.categoryLabel().en());
                x.writeStartElement("author");
                element(x, "name", "ja".equals(language) ? "仙台市教育委員会" : "Sendai City Board of Education");
                x.writeEndElement();
                // type="html": the sanitised HTML as escaped text, so no markup of the body is live in the feed.
                x.writeStartElement("content");
                x.writeAttribute("type", "html");
                x.writeCharacters(p.html());
                x.writeEndElement();
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing the feed", e);
        }
        return Response.ok(out.toString(), ATOM + ";charset=UTF-8").build();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    static String lang(String lang) {
        if (lang == null || lang.isBlank()) {
            return null;
        }
        if (!PostService.LANGUAGES.contains(lang.trim())) {
            throw new InvalidInputException("lang", "ja or en, was \"" + lang + "\"", "ja か en にしてください（\"" + lang
                    + "\"でした）");
        }
        return lang.trim();
    }

    static <E extends Enum<E>> E parse(E[] values, String text, String field) {
        return EnumText.parse(values, text).orElseThrow(() -> new InvalidInputException(field, "one of "
                + EnumText.names(values) + ", was \"" + text + "\"", Post.choices(values) + " のいずれかにしてください（\""
                + text + "\"でした）"));
    }
}
