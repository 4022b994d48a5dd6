package dev.funnel.cli.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassLoadLogTest {
  @Test
  void countsEachSourceOfAClassLoadLog() {
    ClassLoadLog log = ClassLoadLog.parse(List.of(
        "[0.010s][info][class,load] java.lang.Object source: shared objects file",
        "[0.020s][info][class,load] dev.funnel.cli.FunnelCli source: shared objects file (top)",
        "[0.021s][info][class,load] org.apache.lucene.index.IndexWriter source: shared objects file (top)",
        "[0.030s][info][class,load] picocli.CommandLine source: file:/repo/funnel-cli/target/lib/picocli-4.7.7.jar",
        "[0.031s][info][class,load] picocli.CommandLine$Help source: file:/repo/funnel-cli/target/lib/picocli-4.7.7.jar",
        "[0.032s][info][class,load] com.x.Y source: jar:file:/repo/lib/other.jar!/",
        "[0.040s][info][class,load] java.lang.invoke.LambdaForm$MH/0x1 source: __JVM_LookupDefineClass__",
        "[0.050s][info][gc] GC(0) Pause Young 10M->2M source: not a class line"));
    assertEquals(2, log.fromAppArchive());
    assertEquals(1, log.fromJdkArchive());
    assertEquals(3, log.fromJars());
    assertEquals(1, log.other());
    assertEquals(Map.of("picocli-4.7.7.jar", 2, "other.jar", 1), log.jars());
    assertEquals(List.of("picocli-4.7.7.jar", "other.jar"), List.copyOf(log.jars().keySet()), "most classes first");
    assertTrue(log.appArchiveUsed());
    assertEquals(true, log.toMap().get("archive_used"));
  }

  @Test
  void aRunWithoutTheArchiveSaysSo() {
    ClassLoadLog log = ClassLoadLog.parse(List.of(
        "[0.010s][info][class,load] java.lang.Object source: shared objects file",
        "[0.030s][info][class,load] dev.funnel.cli.FunnelCli source: file:/repo/funnel-cli/target/funnel-cli.jar"));
    assertFalse(log.appArchiveUsed());
    assertEquals(0, log.toMap().get("classes_from_app_archive"));
    assertEquals(1, log.fromJars());
  }
}
