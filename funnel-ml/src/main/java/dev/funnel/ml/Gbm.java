package dev.funnel.ml;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.IOException;

/** Trains LightGBM models: binary classifiers (with sample weights) and LambdaMART rankers. */
public final class Gbm {
  private Gbm() {}

  static void ensureNative() {
    try {
      LGBMBooster.loadNative();
    } catch (IOException e) {
      throw new IllegalStateException("cannot load the LightGBM native library: " + e.getMessage(), e);
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
      LGBMBooster booster = LGBMBooster.create(ds, p);
      for (int i = 0; i < params.rounds(); i++) {
        if (booster.updateOneIter()) {
          break;
        }
      }
      return new GbmModel(booster, data.cols());
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM training failed: " + e.getMessage(), e);
    }
  }
}
