package dev.funnel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Machine-readable results: pretty JSON on standard output and, when asked, in a file. */
public final class JsonOutput {
  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  public static void emit(Object result, Path file, PrintStream out) throws IOException {
    String text = JSON.writeValueAsString(result);
    out.println(text);
    if (file != null) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text + "\n");
    }
  }

  /** Prints the seed and configuration of a run to standard error, so any run can be repeated. */
  public static void header(String command, Object config) {
    try {
      System.err.println("funnel " + command + " config: " + new ObjectMapper().writeValueAsString(config));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
