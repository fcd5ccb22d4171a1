package io.github.jpackagedeb.maven;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the plugin descriptor that maven-plugin-plugin generated from the mojos (what {@code mvn jpackage-deb:help
 * -Ddetail} prints) so that the documentation cannot drift: every settable parameter of every goal has a description,
 * every scalar one a {@code jpackage-deb.*} user property, and docs/configuration.md lists each of them with it.
 */
class PluginDescriptorTest {

    /** Types a user property can set (Maven converts a -D string to them); lists and blocks cannot be. */
    private static final Set<String> SCALARS = Set.of("java.lang.String", "java.io.File", "boolean", "int",
            "java.lang.Integer", "java.lang.Boolean", "long", "java.lang.Long");

    record Param(String goal, String name, String type, String description, String property) {
    }

    static List<Param> parameters() throws Exception {
        Path descriptor = Path.of("target/classes/META-INF/maven/plugin.xml");
        assertTrue(Files.isRegularFile(descriptor), "run after process-classes: " + descriptor.toAbsolutePath());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(descriptor.toFile());
        List<Param> out = new ArrayList<>();
        NodeList mojos = doc.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = child(mojo, "goal").getTextContent();
            Map<String, String> properties = new LinkedHashMap<>();
            Element conf = child(mojo, "configuration");
            if (conf != null) {
                for (Node n = conf.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        String t = e.getTextContent().strip();
                        if (t.startsWith("${") && t.endsWith("}")) {
                            properties.put(e.getTagName(), t.substring(2, t.length() - 1));
                        }
                    }
                }
            }
            Element params = child(mojo, "parameters");
            for (Node n = params.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element p && "true".equals(child(p, "editable").getTextContent())) {
                    String name = child(p, "name").getTextContent();
                    Element d = child(p, "description");
                    out.add(new Param(goal, name, child(p, "type").getTextContent(),
                            d == null ? "" : d.getTextContent().strip(), properties.get(name)));
                }
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void everyParameterHasADescriptionAndEveryScalarOneAUserProperty() throws Exception {
        List<Param> params = parameters();
        assertTrue(params.stream().map(Param::goal).distinct().toList().containsAll(List.of("deb", "stage", "publish", "help")),
                params.toString());
        List<String> bad = new ArrayList<>();
        for (Param p : params) {
            if (p.description().isEmpty()) {
                bad.add(p.goal() + " " + p.name() + ": no description (give the field a Javadoc comment)");
            }
            if (SCALARS.contains(p.type()) && p.property() == null) {
                bad.add(p.goal() + " " + p.name() + ": no user property (@Parameter(property = \"jpackage-deb."
                        + p.name() + "\"))");
            }
            // help's -Ddetail, -Dgoal… are maven-plugin-plugin's own names
            if (p.property() != null && !p.goal().equals("help") && !p.property().startsWith("jpackage-deb.")) {
                bad.add(p.goal() + " " + p.name() + ": user property " + p.property() + " is not jpackage-deb.*");
            }
        }
        assertEquals(List.of(), bad);
    }

    /** docs/configuration.md has a row {@code | `name` | `property` | …} for each parameter, under its goal's heading. */
    @Test
    void theConfigurationPageListsEveryParameter() throws Exception {
        Path page = Path.of("../docs/configuration.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (Param p : parameters()) {
            if (p.goal().equals("help")) {
                continue;
            }
            // stage takes every parameter of deb: its section lists only its own
            String goalText = section(page, text, p.goal()) + (p.goal().equals("stage") ? section(page, text, "deb") : "");
            String row = "| `" + p.name() + "` | " + (p.property() == null ? "" : "`" + p.property() + "`") + " |";
            if (!goalText.contains("\n" + row)) {
                missing.add(p.goal() + ": " + row);
            }
        }
        assertEquals(List.of(), missing, "rows missing from " + page);
    }

    private static String section(Path page, String text, String goal) {
        int start = text.indexOf("\n## `" + goal + "`");
        assertFalse(start < 0, page + " has no section ## `" + goal + "`");
        int end = text.indexOf("\n## ", start + 1);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
