package io.mpp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and every docs page that shows a dependency show one snippet: the BOM at the project's
 * version, then artifacts without versions; the BOM manages every published library module.
 */
class DependencySnippetsTest {
  private static final Path ROOT = Path.of(System.getProperty("mpp.tools.dir")).getParent();
  private static final Pattern ARTIFACT =
      Pattern.compile("<groupId>io\\.mpp4j</groupId>\\s*<artifactId>([a-z0-9-]+)</artifactId>");

  @Test
  void docsWhenTheyShowDependenciesThenTheBomSnippetAtTheProjectVersion() throws IOException {
    String bom = bomBlock(version());
    for (Path page : pages()) {
      String text = Files.readString(page);
      if (!text.contains("<groupId>io.mpp4j</groupId>")) {
        continue;
      }
      assertThat(text).as(page.toString()).contains(bom);
      Matcher versioned =
          Pattern.compile("<artifactId>(?!mpp-bom)(mpp-[a-z0-9-]+)</artifactId>\\s*<version>")
              .matcher(text);
      assertThat(versioned.find())
          .as(page + " names a version beside an artifact the BOM manages")
          .isFalse();
    }
  }

  @Test
  void docsWhenTheyNameArtifactsThenTheBomManagesThem() throws IOException {
    Set<String> managed = managed();
    for (Path page : pages()) {
      Matcher artifact = ARTIFACT.matcher(Files.readString(page));
      while (artifact.find()) {
        if (!artifact.group(1).equals("mpp-bom")) {
          assertThat(managed).as(page.toString()).contains(artifact.group(1));
        }
      }
    }
  }

  @Test
  void bomWhenBuiltThenManagesEveryPublishedLibraryModule() throws IOException {
    Set<String> published = new TreeSet<>();
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(read("pom.xml"));
    while (module.find()) {
      String pom = read(module.group(1) + "/pom.xml");
      boolean library =
          !pom.contains("<packaging>pom</packaging>")
              && !pom.contains("<maven.install.skip>true</maven.install.skip>");
      Matcher id = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
      if (library && id.find()) {
        published.add(id.group(1));
      }
    }

    assertThat(published).isNotEmpty();
    assertThat(managed()).containsAll(published);
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  private static Set<String> managed() throws IOException {
    Set<String> managed = new TreeSet<>();
    Matcher artifact = ARTIFACT.matcher(read("mpp-bom/pom.xml"));
    while (artifact.find()) {
      managed.add(artifact.group(1));
    }
    managed.remove("mpp-bom");
    return managed;
  }

  private static String version() throws IOException {
    Matcher version =
        Pattern.compile("<artifactId>mpp-bom</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(read("mpp-bom/pom.xml"));
    assertThat(version.find()).isTrue();
    assertThat(read("pom.xml")).contains("<version>" + version.group(1) + "</version>");
    return version.group(1);
  }

  private static String bomBlock(String version) {
    return """
        <dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>io.mpp4j</groupId>
              <artifactId>mpp-bom</artifactId>
              <version>%s</version>
              <type>pom</type>
              <scope>import</scope>
            </dependency>
          </dependencies>
        </dependencyManagement>
        """
        .formatted(version);
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }
}
