package dev.funnel.cli.retrieval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of a JVM's {@code -Xlog:class+load=info} log: how many classes came from the
 * application class-data archive (the dynamic archive, {@code "shared objects file (top)"}), from
 * the JDK's own archive, and from jars or elsewhere, with the jars that supplied most of the rest.
 */
record ClassLoadLog(int fromAppArchive, int fromJdkArchive, int fromJars, int other, Map<String, Integer> jars) {
  private static final String SOURCE = " source: ";
  private static final int TOP_JARS = 5;

  ClassLoadLog {
    jars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jars));
  }

  static ClassLoadLog read(Path log) throws IOException {
    return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  static ClassLoadLog parse(List<String> lines) {
    int app = 0;
    int jdk = 0;
    int jar = 0;
    int other = 0;
    Map<String, Integer> byJar = new TreeMap<>();
    for (String line : lines) {
      int at = line.indexOf(SOURCE);
      if (!line.contains("[class,load]") || at < 0) {
        continue;
      }
      String source = line.substring(at + SOURCE.length()).trim();
      if (source.equals("shared objects file (top)")) {
        app++;
      } else if (source.startsWith("shared objects file")) {
        jdk++;
      } else if (source.startsWith("file:") || source.startsWith("jar:")) {
        jar++;
        String path = source.endsWith("!/") ? source.substring(0, source.length() - 2) : source;
        String name = path.substring(path.lastIndexOf('/') + 1);
        byJar.merge(name, 1, Integer::sum);
      } else {
        other++;
      }
    }
    Map<String, Integer> top = new LinkedHashMap<>();
    byJar.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_JARS)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return new ClassLoadLog(app, jdk, jar, other, top);
  }

  /** Whether the application archive was mapped (at least one class came from it). */
  boolean appArchiveUsed() {
    return fromAppArchive > 0;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("archive_used", appArchiveUsed());
    m.put("classes_from_app_archive", fromAppArchive);
    m.put("classes_from_jdk_archive", fromJdkArchive);
    m.put("classes_from_jars", fromJars);
    m.put("classes_generated_or_other", other);
    m.put("jars_supplying_most_of_the_rest", jars);
    return m;
  }
}
