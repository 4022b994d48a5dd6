package dev.funnel.delayed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * lightgbm4j extracts its native library into {@code java.io.tmpdir} under a fixed file name, so
 * two JVMs starting LightGBM at the same time overwrite a library the other has mapped, which
 * crashes it. Commands call {@link #isolate()} before their first model: it points
 * {@code java.io.tmpdir} at a fresh private folder so each process extracts its own copy.
 */
public final class NativeIsolation {
  private static boolean done;

  private NativeIsolation() {}

  public static synchronized void isolate() {
    if (done) {
      return;
    }
    try {
      java.nio.file.Path dir = Files.createTempDirectory("funnel-native-");
      // deleteOnExit runs in reverse order of registration: the libraries first, then the folder
      dir.toFile().deleteOnExit();
      dir.resolve("lib_lightgbm.so").toFile().deleteOnExit();
      dir.resolve("lib_lightgbm_swig.so").toFile().deleteOnExit();
      System.setProperty("java.io.tmpdir", dir.toString());
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
