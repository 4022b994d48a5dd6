package dev.funnel.delayed;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.metrics.BinaryMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads evaluation data by format name, with each format's default protocol clock. */
public final class DataSources {
  private DataSources() {}

  /**
   * Protocol defaults of a format (seconds). Synthetic: 7-day attribution (a common click
   * attribution window of ad platforms), two weeks of pretraining, daily windows and a one-day
   * training span: the model is retrained each day on the freshest day, so each click is trained
   * on once, with the label observable at the end of its window, as in the streaming protocols
   * of Yang et al. (AAAI 2021) and Gu et al. (DEFER, KDD 2021), and a longer span would let
   * vanilla lean on clicks whose labels have matured since; a week of mature history for
   * auxiliary models, a one-day waiting window and c = 1 hour for ES-DFM (after the in-session
   * conversions). TalkingData: every install in the sample comes within 13 hours of its click,
   * so a 12-hour window with 1 day of pretraining, 4-hour windows, 1-hour wait and c = 15
   * minutes (the median delay is 4 minutes). Taobao: the sample spans under two hours, so a
   * 30-minute window, 45 minutes of pretraining, 10-minute windows, 10-minute wait, c = 2
   * minutes.
   */
  public record Defaults(long attributionWindow, long pretrain, long window, long trainSpan, long historySpan, long waitingWindow, long esdfmWindow) {}

  private static final long M = 60;
  private static final long H = 3600;
  private static final long D = 86_400;

  public static Defaults defaults(String format) {
    return switch (format) {
      case "synthetic" -> new Defaults(7 * D, 14 * D, D, D, 7 * D, D, H);
      case "talkingdata" -> new Defaults(12 * H, D, 4 * H, D, D, H, 15 * M);
      case "taobao" -> new Defaults(30 * M, 45 * M, 10 * M, 45 * M, 45 * M, 10 * M, 2 * M);
      default -> throw new InvalidInputException("--format", format, "expected talkingdata, taobao or synthetic");
    };
  }

  /** Loads {@code format} data; {@code days} and {@code clicksPerDay} override the generator's defaults. */
  public static ClickData load(String format, Path data, long attributionWindow, long seed, Integer days, Integer clicksPerDay) throws IOException {
    defaults(format);
    if (format.equals("synthetic")) {
      SyntheticConfig c = SyntheticConfig.defaults();
      if (attributionWindow % D != 0) {
        throw new InvalidInputException("--attribution-window", attributionWindow + "s", "expected whole days for synthetic data");
      }
      c = new SyntheticConfig(days == null ? c.days() : days, clicksPerDay == null ? c.clicksPerDay() : clicksPerDay, c.categories(),
          (int) (attributionWindow / D), c.baseRate(), c.fastShare(), c.slowMedianHours(), c.cartBeforeBuy(), c.cartAbandonRate(), c.promoEffect());
      return SyntheticGenerator.generate(c, seed);
    }
    if (data == null) {
      throw new InvalidInputException("--data", null, "expected a data file or folder for format " + format);
    }
    Path file = data;
    if (Files.isDirectory(data)) {
      file = data.resolve(format.equals("talkingdata") ? "train_sample.csv" : "UserBehavior.csv");
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("--data", data, "expected an existing file (or a folder holding " + file.getFileName() + ")");
    }
    return format.equals("talkingdata") ? TalkingDataReader.read(file, attributionWindow) : TaobaoReader.read(file, attributionWindow);
  }

  /** AUC of the generator's true conversion probabilities on the protocol's test clicks. */
  public static double groundTruthAuc(ClickData d, StreamingConfig cfg) {
    List<Double> p = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    long from = d.start() + cfg.pretrain();
    long windows = Math.max(0, (d.end() - cfg.maturityMargin() + 1 - from) / cfg.window());
    long to = from + windows * cfg.window();
    for (int i = 0; i < d.journeys().size(); i++) {
      Journey j = d.journeys().get(i);
      if (j.clickTime() >= from && j.clickTime() < to) {
        p.add(d.groundTruth()[i]);
        y.add(EventTimeBuilder.eventualLabel(j, d.attributionWindow()));
      }
    }
    boolean[] yy = new boolean[y.size()];
    for (int i = 0; i < yy.length; i++) {
      yy[i] = y.get(i);
    }
    return BinaryMetrics.auc(p.stream().mapToDouble(Double::doubleValue).toArray(), yy);
  }
}
