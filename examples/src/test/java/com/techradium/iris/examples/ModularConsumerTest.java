package com.techradium.iris.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.RedisExtension;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * IRIS's module descriptors seen from outside: a host application with its own {@code
 * module-info.java} ({@code src/test/modular-consumer}) is compiled against the IRIS modules on the
 * module path and run on the module path (in memory, on PostgreSQL, and with the job queue on
 * Redis) by the JDK that runs the tests. The module path is this module's runtime class path, which
 * the build writes to {@code iris.modulePath} (maven-dependency-plugin): the IRIS modules of the
 * reactor and their dependencies, nothing from the tests.
 */
class ModularConsumerTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  private static final Path CONSUMER = Path.of("src/test/modular-consumer");
  private static final String IRIS_MODULE = "com.techradium.iris.";

  @TempDir Path work;

  @Test
  void aModularApplicationRunsInMemoryOnPostgresqlAndOnRedisOnTheModulePath() throws Exception {
    Path classes = work.resolve("classes");
    String diagnostics = compile(sources(CONSUMER), classes);
    assertThat(diagnostics).isEmpty();

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--module-path");
    command.add(classes + File.pathSeparator + modulePath());
    command.add("--module");
    command.add("com.example.modular/com.example.modular.ModularApp");
    command.add(postgres.jdbcUrl());
    command.add(postgres.user());
    command.add(postgres.password());
    command.add(redis.redis().url());
    Path log = work.resolve("consumer.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean exited = process.waitFor(5, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(exited)
        .as("exited (a hang is stopped after 5 minutes); output:%n%s", output)
        .isTrue();
    assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
    assertThat(output)
        .contains("module com.example.modular")
        .contains("postgresql: migrations applied ");
    for (String leg : List.of("memory", "postgresql", "redis")) {
      assertThat(output)
          .contains(
              leg
                  + ": job sent to ana@example.com, queue concurrency 2, audit chain valid true,"
                  + " status {\"at\":");
    }
    assertThat(output)
        // The SLF4J binding on the module path is found through its service: the failure this
        // test exists for was SLF4J missing from a modular application.
        .doesNotContain("No SLF4J providers")
        .doesNotContain("Exception");
  }

  @Test
  void internalPackagesAreNotVisibleToAnApplication() throws IOException {
    Path src = work.resolve("peek");
    write(
        src.resolve("module-info.java"),
        "module com.example.peek { requires com.techradium.iris.jdbc; }");
    write(
        src.resolve("com/example/peek/Peek.java"),
        "package com.example.peek;\n"
            + "class Peek {\n"
            + "  Object json = com.techradium.iris.core.internal.IrisJson.mapper();\n"
            + "  Class<?> context = com.techradium.iris.jdbc.internal.JdbcContext.class;\n"
            + "}\n");

    String diagnostics = compile(sources(src), work.resolve("peek-classes"));

    assertThat(diagnostics)
        .contains("package com.techradium.iris.core.internal is declared in module")
        .contains("does not export it to module com.example.peek")
        .contains("package com.techradium.iris.jdbc.internal is declared in module");
  }

  @Test
  void everyIrisModuleExportsItsPackagesButTheInternalOnes() {
    List<ModuleDescriptor> modules = irisModules();
    assertThat(modules)
        .extracting(ModuleDescriptor::name)
        .contains(
            "com.techradium.iris.core",
            "com.techradium.iris.jdbc",
            "com.techradium.iris.redis",
            "com.techradium.iris.webhook.okhttp",
            "com.techradium.iris.aws");
    for (ModuleDescriptor module : modules) {
      Set<String> unqualified = new TreeSet<>();
      Set<String> qualified = new TreeSet<>();
      for (ModuleDescriptor.Exports e : module.exports()) {
        (e.isQualified() ? qualified : unqualified).add(e.source());
      }
      Set<String> openToAll =
          module.opens().stream()
              .filter(o -> !o.isQualified())
              .map(ModuleDescriptor.Opens::source)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> api = new TreeSet<>();
      for (String p : module.packages()) {
        if (!isInternal(p) && !openToAll.contains(p)) {
          api.add(p);
        }
      }
      assertThat(unqualified).as("%s exports to everyone", module.name()).isEqualTo(api);
      assertThat(qualified)
          .as("%s exports only internal packages to named IRIS modules", module.name())
          .allMatch(ModularConsumerTest::isInternal);
      assertThat(openToAll)
          .as("%s opens to everyone only resource packages", module.name())
          .allMatch(p -> p.endsWith(".migration"));
    }
  }

  private static boolean isInternal(String pkg) {
    return pkg.endsWith(".internal") || pkg.contains(".internal.");
  }

  /**
   * The IRIS modules with a descriptor on the test class path: the reactor's {@code
   * iris-<name>/target/classes} directories or {@code iris-<name>-<version>.jar} files
   * (iris-testkit has no descriptor).
   */
  private static List<ModuleDescriptor> irisModules() {
    List<ModuleDescriptor> modules = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      boolean moduleDirectory =
          path.endsWith(Path.of("target", "classes"))
              && path.getParent().getParent().getFileName().toString().startsWith("iris-")
              && Files.exists(path.resolve("module-info.class"));
      boolean moduleJar =
          path.getFileName().toString().matches("iris-[a-z-]+-\\d.*(?<!-tests)\\.jar");
      if (moduleDirectory || moduleJar) {
        ModuleFinder.of(path).findAll().stream()
            .map(ModuleReference::descriptor)
            .filter(d -> d.name().startsWith(IRIS_MODULE) && !d.isAutomatic())
            .forEach(modules::add);
      }
    }
    return modules;
  }

  private static String modulePath() throws IOException {
    String file = System.getProperty("iris.modulePath");
    assertThat(file).as("system property iris.modulePath (set by the build)").isNotNull();
    return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
  }

  /**
   * Compiles against the module path alone, for release 17 with every lint on; returns the
   * compiler's diagnostics.
   */
  private static String compile(List<Path> sources, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options =
        List.of(
            "--release", "17", "-Xlint:all", "--module-path", modulePath(), "-d", out.toString());
    StringWriter diagnostics = new StringWriter();
    try (var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      // Only the module path: the compiler would otherwise fall back to this JVM's class path.
      files.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
      javac
          .getTask(
              diagnostics, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    return diagnostics.toString();
  }

  private static List<Path> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
