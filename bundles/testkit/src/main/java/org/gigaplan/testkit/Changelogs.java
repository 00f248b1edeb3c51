package org.gigaplan.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a module's Liquibase changelog does to the schema, for the rule that lets nodes be upgraded one at a time
 * (README, "Several nodes"): while old and new nodes run side by side, a release's migrations only add — new tables,
 * new nullable or defaulted columns, new indexes — and what the new version no longer uses is taken away in a later
 * release, once no old node runs. A module's test lists the changesets that take away (its earlier releases' ones, each
 * known) so that a new one fails the build until its author has thought about the nodes still on the old version.
 */
public final class Changelogs {

    /** Changes that take from the schema what a node of the version before may still read or write. */
    static final Set<String> CONTRACTING = Set.of("dropColumn", "dropTable", "renameColumn", "renameTable",
            "modifyDataType", "addNotNullConstraint", "mergeColumns", "dropView", "renameView", "dropPrimaryKey");

    /** Raw SQL that does the same. */
    private static final Pattern CONTRACTING_SQL = Pattern.compile(
            "(?i)\\b(DROP\\s+(TABLE|COLUMN|VIEW)|RENAME\\s|ALTER\\s+COLUMN\\s+\\S+\\s+SET\\s+NOT\\s+NULL)");

    private Changelogs() {
    }

    /**
     * The ids of a changelog's changesets (a resource of {@code loader}) that take something from the schema, in
     * their order.
     */
    public static List<String> contracting(ClassLoader loader, String changelog) {
        try (InputStream in = loader.getResourceAsStream(changelog)) {
            if (in == null) {
                throw new IllegalArgumentException("no changelog " + changelog);
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList sets = factory.newDocumentBuilder().parse(in).getDocumentElement()
                    .getElementsByTagNameNS("*", "changeSet");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < sets.getLength(); i++) {
                Element set = (Element) sets.item(i);
                if (takesAway(set)) {
                    out.add(set.getAttribute("id"));
                }
            }
            return out;
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("could not read changelog " + changelog, e);
        }
    }

    private static boolean takesAway(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                String name = e.getLocalName();
                if ("rollback".equals(name)) {
                    continue;
                }
                if (CONTRACTING.contains(name) || "sql".equals(name)
                        && CONTRACTING_SQL.matcher(e.getTextContent()).find() || takesAway(e)) {
                    return true;
                }
            }
        }
        return false;
    }
}
