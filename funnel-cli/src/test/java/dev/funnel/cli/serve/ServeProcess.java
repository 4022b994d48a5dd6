package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.cli.FunnelCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code funnel serve} in a process of its own (so a native crash kills it, not the test), on a
 * port the OS picks, with its output collected for failure messages.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("Funnel is serving \\d+ items at (http://\\S+)");
  final Process process;
  final String base;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  ServeProcess(List<String> serveArgs) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), FunnelCli.class.getName(), "serve", "--port", "0"));
    cmd.addAll(serveArgs);
    process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String found = null;
    String line;
    while (found == null && (line = out.readLine()) != null) {
      output.add(line);
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        found = m.group(1);
      }
    }
    base = found;
    drain(out, output, "serve-output");
    assertTrue(base != null, "server did not start:\n" + output());
  }

  /** Keeps reading a child process's remaining output into {@code output} on a daemon thread. */
  static void drain(BufferedReader out, List<String> output, String name) {
    Thread drain = new Thread(() -> {
      try {
        String l;
        while ((l = out.readLine()) != null) {
          output.add(l);
        }
      } catch (IOException e) {
        // the process ended
      }
    }, name);
    drain.setDaemon(true);
    drain.start();
  }

  /** The last lines the server printed. */
  String output() {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size()));
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
