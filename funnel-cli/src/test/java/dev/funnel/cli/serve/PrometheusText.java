package dev.funnel.cli.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;

/** A scrape parsed by a Prometheus text-format parser: metric families by name, values by labels. */
final class PrometheusText {
  private final Map<String, MetricFamily> families = new LinkedHashMap<>();

  public PrometheusText(String scrape) throws IOException {
    TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(new ByteArrayInputStream(scrape.getBytes(StandardCharsets.UTF_8)));
    for (MetricFamily f = parser.parse(); f != null; f = parser.parse()) {
      families.put(f.getName(), f);
    }
  }

  public boolean has(String family) {
    return families.containsKey(family);
  }

  public Map<String, MetricFamily> families() {
    return families;
  }

  /**
   * The sum over the series of {@code family} whose labels include {@code labels}: a counter's or
   * gauge's value, a histogram's sample count; 0 when none matches.
   */
  public double value(String family, Map<String, String> labels) {
    MetricFamily f = families.get(family);
    if (f == null) {
      return 0;
    }
    double sum = 0;
    for (Metric m : f.getMetrics()) {
      if (!m.getLabels().entrySet().containsAll(labels.entrySet())) {
        continue;
      }
      if (m instanceof Counter c) {
        sum += c.getValue();
      } else if (m instanceof Gauge g) {
        sum += g.getValue();
      } else if (m instanceof Histogram h) {
        sum += h.getSampleCount();
      }
    }
    return sum;
  }
}
