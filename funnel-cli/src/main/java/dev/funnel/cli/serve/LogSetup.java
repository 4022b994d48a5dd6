package dev.funnel.cli.serve;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * The logging backend of the command line: logback, configured by {@code logback.xml} (text
 * lines on standard error, which keeps standard output for the commands' JSON) or, for {@link
 * Format#JSON}, by {@code logback-json.xml} (one JSON object a line, logback's {@code
 * JsonEncoder}, with the access log's key-value pairs).
 */
public final class LogSetup {
  public enum Format { TEXT, JSON }

  private LogSetup() {}

  /** Reconfigures logging for {@code format}. */
  public static void use(Format format) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another backend chosen by the class path: leave it alone
    }
    URL config = LogSetup.class.getResource(format == Format.JSON ? "/logback-json.xml" : "/logback.xml");
    if (config == null) {
      throw new IllegalStateException("logging configuration for " + format + " missing from the class path");
    }
    context.reset();
    JoranConfigurator c = new JoranConfigurator();
    c.setContext(context);
    try {
      c.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("bad logging configuration " + config + ": " + e.getMessage(), e);
    }
  }
}
