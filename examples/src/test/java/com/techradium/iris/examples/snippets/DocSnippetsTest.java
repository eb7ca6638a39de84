package com.techradium.iris.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code java} code block in README.md and docs/*.md compiles against the published modules,
 * so the documentation cannot drift from the API. Each block is the body of a method of a {@link
 * SnippetGivens} subclass. A block that starts with {@code import} lines compiles with exactly
 * those imports, so the imports it shows are complete; any other block gets every public IRIS
 * package imported. A block preceded by a line {@code <!-- not compiled: reason -->} is skipped,
 * and must say why.
 */
class DocSnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String SKIP = "<!-- not compiled:";

  /** One code block: where it is and its lines. */
  record Snippet(String file, int line, String code, boolean skipped, String skipLine) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  static List<Snippet> snippets() {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Snippet> found = new ArrayList<>();
    for (Path file : files) {
      List<String> lines = read(file);
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).trim().equals("```java")) {
          continue;
        }
        int start = i + 1;
        StringBuilder code = new StringBuilder();
        int j = start;
        while (j < lines.size() && !lines.get(j).trim().equals("```")) {
          code.append(lines.get(j)).append('\n');
          j++;
        }
        String before = i > 0 ? lines.get(i - 1).trim() : "";
        found.add(
            new Snippet(
                ROOT.relativize(file).toString(),
                start,
                code.toString(),
                before.startsWith(SKIP),
                before));
        i = j;
      }
    }
    return found;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theDocumentationHasSnippetsToCheck() {
    assertThat(snippets()).hasSizeGreaterThan(10);
    assertThat(snippets().stream().filter(s -> !s.skipped())).hasSizeGreaterThan(10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snippets")
  void compiles(Snippet snippet) {
    if (snippet.skipped()) {
      assertThat(snippet.skipLine())
          .as("a skipped snippet says why")
          .matches("<!-- not compiled: \\S.* -->");
      return;
    }
    String className = "Snippet";
    List<String> lines = snippet.code().lines().toList();
    int shown = 0;
    while (shown < lines.size()
        && (lines.get(shown).startsWith("import ") || lines.get(shown).isBlank())) {
      shown++;
    }
    String imports =
        shown > 0 ? String.join("\n", lines.subList(0, shown)) + "\n" : wildcardImports();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      // imports shown become blank lines, so the body keeps the snippet's line numbers
      body.append(i < shown ? "" : lines.get(i)).append('\n');
    }
    String source =
        "package com.techradium.iris.examples.snippets;\n"
            + imports
            + "\nclass "
            + className
            + " extends SnippetGivens {\n  void run() throws Exception {\n"
            + body
            + "\n  }\n}\n";
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path out = Files.createTempDirectory("snippet");
      boolean ok =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("-classpath", classpath(), "-d", out.toString(), "-proc:none"),
                  null,
                  List.of(new Source(className, source)))
              .call();
      String errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> describe(snippet, d, source))
              .collect(Collectors.joining("\n"));
      assertThat(ok).as(snippet + " does not compile:\n" + errors).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(Snippet snippet, Diagnostic<?> d, String source) {
    long sourceLine = d.getLineNumber();
    long bodyStart = source.lines().takeWhile(l -> !l.contains("void run()")).count() + 2;
    long docLine = snippet.line() + (sourceLine - bodyStart);
    return "  " + snippet.file() + ":" + docLine + ": " + d.getMessage(Locale.ROOT);
  }

  private static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Wildcard imports of every public IRIS package on the class path, and the JDK's usual ones. */
  private static String wildcardImports() {
    Set<String> packages = new TreeSet<>();
    for (String entry : classpath().split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!path.getFileName().toString().startsWith("iris-") && !entry.contains("/iris-")) {
        continue;
      }
      for (String classFile : classFiles(path)) {
        // A package whose only class is its package-info has no type to import.
        if (!classFile.startsWith("com/techradium/iris/")
            || classFile.endsWith("/package-info.class")) {
          continue;
        }
        String pkg = classFile.substring(0, classFile.lastIndexOf('/')).replace('/', '.');
        if (!pkg.contains("internal") && !pkg.contains(".schema") && !pkg.contains("testkit")) {
          packages.add(pkg);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (String p : packages) {
      out.append("import ").append(p).append(".*;\n");
    }
    for (String p :
        List.of(
            "java.io",
            "java.net",
            "java.nio.file",
            "java.sql",
            "java.time",
            "java.util",
            "javax.sql")) {
      out.append("import ").append(p).append(".*;\n");
    }
    return out.toString();
  }

  /** The class files of a class path entry, a directory or a jar, as relative paths. */
  private static List<String> classFiles(Path entry) {
    try {
      if (Files.isDirectory(entry)) {
        try (Stream<Path> walk = Files.walk(entry)) {
          return walk.filter(p -> p.toString().endsWith(".class"))
              .map(p -> entry.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
              .toList();
        }
      }
      if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry.toFile())) {
          return jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
        }
      }
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
