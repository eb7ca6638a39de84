package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Keeps iris-bom honest: every module of the build that is published (does not set {@code
 * maven.deploy.skip}) must be listed in the BOM, and the BOM lists nothing that does not exist.
 */
class BomCompletenessTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theBomListsExactlyThePublishedModules() throws Exception {
    List<String> published = new ArrayList<>();
    for (String module : childTexts(read(ROOT.resolve("pom.xml")), "modules", "module")) {
      Document pom = read(ROOT.resolve(module).resolve("pom.xml"));
      String packaging = directChildText(pom.getDocumentElement(), "packaging");
      String artifactId = directChildText(pom.getDocumentElement(), "artifactId");
      boolean skipped = pom.getElementsByTagName("maven.deploy.skip").getLength() > 0;
      if (!skipped && !"iris-bom".equals(artifactId) && !"pom".equals(packaging)) {
        published.add(artifactId);
      }
    }

    Document bom = read(ROOT.resolve("iris-bom/pom.xml"));
    List<String> listed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      listed.add(directChildText((Element) deps.item(i), "artifactId"));
    }

    assertThat(published).as("published modules").isNotEmpty();
    assertThat(listed)
        .as("modules listed in iris-bom")
        .containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void theBomPinsTheBuildVersion() throws Exception {
    String version = directChildText(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    Document bom = read(ROOT.resolve("iris-bom/pom.xml"));
    assertThat(directChildText(bom.getDocumentElement(), "version")).isEqualTo(version);
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      assertThat(directChildText((Element) deps.item(i), "version")).isEqualTo(version);
    }
  }

  private static Document read(Path pom) throws Exception {
    assertThat(pom).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static List<String> childTexts(Document doc, String container, String child) {
    List<String> values = new ArrayList<>();
    Element parent = (Element) doc.getElementsByTagName(container).item(0);
    NodeList nodes = parent.getElementsByTagName(child);
    for (int i = 0; i < nodes.getLength(); i++) {
      values.add(nodes.item(i).getTextContent().trim());
    }
    return values;
  }

  private static String directChildText(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    return "";
  }
}
