package dev.herald.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged core jar on the module path: its descriptor exports only API packages, requires only
 * the allowed modules, carries RE2J in an internal package, and works (a regexp filter matches).
 */
class ModulePathIT {
  private static Path coreJar() {
    Path jar = Path.of(System.getProperty("herald.core.jar"));
    assertThat(jar).exists();
    return jar;
  }

  /** The jars of core's runtime dependencies, taken from this test's class path. */
  private static List<Path> dependencyJars() {
    List<Path> out = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("jackson-core-") || name.startsWith("caffeine-") || name.startsWith("slf4j-api-")
          || name.startsWith("herald-transport-spi") || (name.equals("classes") && entry.contains("transport-spi"))) {
        out.add(Path.of(entry));
      }
    }
    return out;
  }

  @Test
  void descriptorExportsOnlyApiAndRequiresOnlyTheAllowedModules() throws Exception {
    ModuleDescriptor d = ModuleFinder.of(coreJar()).findAll().iterator().next().descriptor();
    assertThat(d.name()).isEqualTo("dev.herald.core");
    assertThat(d.exports().stream().map(ModuleDescriptor.Exports::source))
        .allMatch(p -> !p.contains(".internal"))
        .contains("dev.herald.filter");
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .isSubsetOf(Set.of("java.base", "dev.herald.transport", "com.fasterxml.jackson.core",
            "com.github.benmanes.caffeine", "org.slf4j", "jjwt.api"));
    assertThat(d.packages()).contains("dev.herald.internal.shaded.re2j");
    try (JarFile jar = new JarFile(coreJar().toFile())) {
      assertThat(jar.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("com/google/re2j"));
    }
  }

  @Test
  void runsOnTheModulePath() throws Exception {
    List<Path> path = new ArrayList<>(dependencyJars());
    path.add(coreJar());
    assertThat(path).allMatch(Files::exists);
    ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
    ModuleLayer parent = ModuleLayer.boot();
    Configuration cf = parent.configuration().resolve(finder, ModuleFinder.of(), Set.of("dev.herald.core"));
    ModuleLayer layer = parent.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Class<?> engineClass = layer.findLoader("dev.herald.core").loadClass("dev.herald.filter.FilterEngine");
    Object engine = engineClass.getMethod("create").invoke(null);
    Method register = engineClass.getMethod("register", String.class, String.class);
    Method match = engineClass.getMethod("match", String.class, String.class);
    Object id = register.invoke(engine, "i", "{\"and\":[{\"regexp\":{\"name\":\"^gr\"}},{\"range\":{\"age\":{\"gte\":18}}}]}");
    assertThat(match.invoke(engine, "i", "{\"name\":\"grace\",\"age\":36}")).isEqualTo(List.of(id));
    assertThat(match.invoke(engine, "i", "{\"name\":\"ada\",\"age\":36}")).isEqualTo(List.of());
  }
}
