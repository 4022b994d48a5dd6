package dev.funnel.ml;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;

/** Trains LightGBM models: binary classifiers (with sample weights) and LambdaMART rankers. */
public final class Gbm {
  private static boolean nativeLoaded;

  private Gbm() {}

  /**
   * Loads LightGBM's native library once per JVM. lightgbm4j extracts it to
   * {@code java.io.tmpdir/lib_lightgbm.so} on every load, overwriting the file that other running
   * JVMs have mapped, which crashes them with SIGBUS when several Funnel processes (tests, the
   * server, the CLI) run at once. So the extraction goes to a private directory of this process,
   * deleted at exit.
   */
  public static synchronized void ensureNative() {
    // lightgbm4j's classes load the library in their static initialisers, so no lightgbm4j
    // class may be initialised before java.io.tmpdir points to the private directory.
    if (nativeLoaded) {
      return;
    }
    String tmp = System.getProperty("java.io.tmpdir");
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("funnel-lightgbm-");
      dir.toFile().deleteOnExit();
      System.setProperty("java.io.tmpdir", dir.toString());
      try {
        LGBMBooster.loadNative();
      } finally {
        System.setProperty("java.io.tmpdir", tmp);
      }
      try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
        files.forEach(f -> f.toFile().deleteOnExit());
      }
      nativeLoaded = true;
    } catch (IOException e) {
      throw new IllegalStateException("cannot load the LightGBM native library: " + e.getMessage(), e);
    }
  }

  /**
   * The LightGBM binding's version (for model provenance), read from the lightgbm4j jar's Maven
   * metadata; its major.minor.patch is the bundled LightGBM release.
   */
  public static String libraryVersion() {
    try (java.io.InputStream in = LGBMBooster.class.getResourceAsStream("/META-INF/maven/io.github.metarank/lightgbm4j/pom.properties")) {
      if (in == null) {
        return "lightgbm4j unknown";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return "lightgbm4j " + p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Trains {@code params.rounds()} boosting rounds on {@code data}. */
  public static GbmModel train(GbmDataset data, GbmParams params) {
    ensureNative();
    if (params.objective().equals("lambdarank") || params.objective().equals("rank_xendcg")) {
      if (data.groups() == null) {
        throw new IllegalArgumentException("groups: a ranking objective needs query group sizes");
      }
    }
    String p = params.toLightGbm();
    try (LGBMDataset ds = LGBMDataset.createFromMat(GbmDataset.flatten(data.features()), data.rows(), data.cols(), true, p, null)) {
      ds.setField("label", data.labels());
      if (data.weights() != null) {
        ds.setField("weight", data.weights());
      }
      if (data.groups() != null) {
        ds.setField("group", data.groups());
      }
      if (data.featureNames() != null) {
        ds.setFeatureNames(data.featureNames().stream().map(n -> n.replaceAll("[^A-Za-z0-9_]", "_")).toArray(String[]::new));
      }
      String text;
      try (LGBMBooster booster = LGBMBooster.create(ds, p)) {
        for (int i = 0; i < params.rounds(); i++) {
          if (booster.updateOneIter()) {
            break;
          }
        }
        text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
      }
      // The training booster points to the dataset freed below; the served model is read back
      // from its text, so it owns everything it uses (LightGBM's Python package does the same).
      return GbmModel.load(text);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
    }
  }
}
