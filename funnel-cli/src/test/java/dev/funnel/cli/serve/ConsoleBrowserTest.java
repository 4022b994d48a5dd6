package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.cli.FunnelCli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium, driven by Selenium: {@code funnel demo} (the real
 * Amazon Gift Cards catalog when ../shared/data is there, the generated one otherwise) runs in a
 * process of its own; the test types a query, checks that results come with their strategies,
 * provenance and feature contributions, sends a click from the page, sees the loop charts gain
 * data points, visits every panel (models, off-policy estimates after saving the live bandit,
 * related items with degrees), also at a phone's width, saves a screenshot of each to {@code
 * target/console-screenshots/}, and fails on any error in the browser's console. It is skipped,
 * saying so, only where Chromium or its driver is not installed ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them). Every wait has a generous deadline and polls:
 * no sleeps, so a loaded machine only makes it slower.
 */
class ConsoleBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(180);
  private static final Pattern SERVING = Pattern.compile("Funnel is serving \\d+ items at (http://\\S+)");
  private static final Pattern QUERY = Pattern.compile("-d '\\{\"query\": \"([^\"]+)\", \"k\": 5\\}'");
  private static final Pattern RELATED = Pattern.compile("/related/([^?]+)\\?k=5");
  @TempDir Path dir;

  static Optional<Path> firstExisting(String env, String... candidates) {
    String fromEnv = System.getenv(env);
    if (fromEnv != null && Files.isExecutable(Path.of(fromEnv))) {
      return Optional.of(Path.of(fromEnv));
    }
    for (String c : candidates) {
      if (Files.isExecutable(Path.of(c))) {
        return Optional.of(Path.of(c));
      }
    }
    return Optional.empty();
  }

  @Test
  void everyPanelWorksInARealBrowserWithoutConsoleErrors() throws Exception {
    Optional<Path> chromium = firstExisting("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    Optional<Path> driverBin = firstExisting("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    Assumptions.assumeTrue(chromium.isPresent() && driverBin.isPresent(),
        "skipped: Chromium (" + chromium.map(Path::toString).orElse("not found") + ") or chromedriver (" + driverBin.map(Path::toString).orElse("not found")
            + ") is missing; install them with: apt-get install chromium chromium-driver (.ci/run does)");
    Path shots = Path.of("target", "console-screenshots");
    Files.createDirectories(shots);
    try (Demo demo = new Demo(dir.resolve("demo"))) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(chromium.get().toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000",
          "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-US");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBin.get().toFile()).usingAnyFreePort().build();
      WebDriver driver = new ChromeDriver(service, options);
      List<String> errors = new ArrayList<>();
      try {
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
        WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(250));
        driver.get(demo.base + "/console");
        wait.until(d -> d.findElement(By.id("server-status")).getText().contains("items"));

        // search: results with strategies, provenance and feature contributions
        new Select(driver.findElement(By.id("k"))).selectByVisibleText("5");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys(demo.query);
        q.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#results li.result")).size() > 0);
        WebElement first = driver.findElement(By.cssSelector("#results li.result"));
        assertTrue(first.findElements(By.cssSelector(".chips .chip")).size() > 0, "found_by chips");
        assertTrue(first.findElements(By.cssSelector("table.provenance tbody tr")).size() > 0, "provenance rows");
        assertTrue(first.findElements(By.cssSelector("table.why tbody tr")).size() > 0, "feature contributions");
        String summary = driver.findElement(By.id("search-summary")).getText();
        assertTrue(summary.contains("propensity") && summary.contains("action") && summary.contains("type"), summary);
        // a click from the page feeds the loop
        first.findElement(By.cssSelector("button.event[data-type=click]")).click();
        wait.until(d -> "true".equals(d.findElement(By.cssSelector("#results li.result button.event[data-type=click]")).getDomAttribute("data-sent")));
        wait.until(d -> d.findElement(By.id("search-message")).getText().contains("stored"));
        shot(driver, shots, "search");

        // more traffic through the API, so the charts have something to show and a retraining may come
        demo.traffic(30);

        // loop: the charts gain data points while the page is open
        driver.findElement(By.id("tab-loop")).click();
        wait.until(d -> intAttr(d, "#chart-rates", "data-series-points") >= 1);
        int before = intAttr(driver, "#panel-loop", "data-points");
        wait.until(d -> intAttr(d, "#panel-loop", "data-points") > before);
        for (String chart : List.of("chart-searches", "chart-rates", "chart-actions", "chart-reward", "chart-candidates", "chart-latency", "chart-ranker", "chart-memory")) {
          WebElement fig = driver.findElement(By.id(chart));
          assertEquals(1, fig.findElements(By.cssSelector("canvas")).size(), chart + " has a plot");
          // uPlot draws axes and their labels on the canvas; the page records the labels it gave it
          String labels = fig.getDomAttribute("data-axis-labels");
          assertTrue(labels != null && labels.startsWith("time (local)|") && labels.length() > "time (local)|".length(), chart + " labels both axes: " + labels);
        }
        shot(driver, shots, "loop");

        // models: the version list (an accepted retraining appears there) and the decision model's state
        driver.findElement(By.id("tab-models")).click();
        wait.until(d -> d.findElement(By.id("models-status")).getText().contains("serving"));
        wait.until(d -> !d.findElement(By.id("decision")).getText().isBlank());
        shot(driver, shots, "models");

        // off-policy: save the live bandit, evaluate it and random on the decision log
        driver.findElement(By.id("tab-ope")).click();
        wait.until(d -> new Select(d.findElement(By.id("ope-policy"))).getOptions().size() >= 1);
        driver.findElement(By.id("ope-save")).click();
        wait.until(d -> d.findElement(By.id("ope-message")).getText().contains("saved the live bandit"));
        wait.until(d -> new Select(d.findElement(By.id("ope-policy"))).getFirstSelectedOption().getText().startsWith("policies/bandit-"));
        driver.findElement(By.id("ope-button")).click();
        wait.until(d -> d.findElements(By.id("ope-summary")).size() == 1);
        String ope = driver.findElement(By.id("ope-result")).getText();
        assertTrue(ope.contains("effective sample size"), ope);
        assertTrue(ope.contains("IPS") && ope.contains("SNIPS") && ope.contains("DR") && ope.contains("live policy"), ope);
        // a few dozen logged decisions are far below the trustworthy effective sample size: the page says so
        assertTrue(driver.findElements(By.cssSelector("#ope-result .warning")).size() > 0, ope);
        shot(driver, shots, "off-policy");

        // related items
        driver.findElement(By.id("tab-related")).click();
        if (demo.relatedItem != null) {
          WebElement item = driver.findElement(By.id("related-item"));
          wait.until(ExpectedConditions.elementToBeClickable(item));
          item.clear();
          item.sendKeys(demo.relatedItem);
          driver.findElement(By.id("related-button")).click();
          wait.until(d -> d.findElements(By.cssSelector("#related-table tbody tr")).size() > 0);
          String degrees = driver.findElement(By.id("related-degrees")).getText();
          assertTrue(degrees.contains("in-degree") && degrees.contains("out-degree"), degrees);
        } else {
          wait.until(d -> d.findElement(By.id("related-message")).getText().contains("No graph model"));
        }
        shot(driver, shots, "related");

        // keyboard: arrow keys move between the tabs
        driver.findElement(By.id("tab-related")).sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> "true".equals(d.findElement(By.id("tab-search")).getDomAttribute("aria-selected")));

        // a phone's width
        driver.manage().window().setSize(new Dimension(390, 844));
        wait.until(d -> d.findElement(By.id("panel-search")).isDisplayed());
        shotViewport(driver, shots, "search-phone");
        driver.findElement(By.id("tab-loop")).click();
        wait.until(d -> intAttr(d, "#panel-loop", "data-points") >= 1 && d.findElements(By.cssSelector("#chart-searches canvas")).size() == 1);
        shotViewport(driver, shots, "loop-phone");
      } finally {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
          if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(e.getLevel() + " " + e.getMessage());
          }
        }
        driver.quit();
        service.stop();
      }
      assertTrue(errors.isEmpty(), "errors in the browser console:\n" + String.join("\n", errors) + "\nserver output:\n" + demo.output());
    }
  }

  private static int intAttr(WebDriver d, String css, String attr) {
    String v = d.findElement(By.cssSelector(css)).getDomAttribute(attr);
    return v == null ? -1 : Integer.parseInt(v);
  }

  /** A screenshot of the whole page: the window is made as tall as the page first. */
  private static void shot(WebDriver driver, Path dir, String name) throws IOException {
    Object h = ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); return Math.ceil(document.documentElement.scrollHeight)");
    int height = Math.max(700, Math.min(4000, ((Number) h).intValue() + 20));
    Dimension old = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(old.getWidth(), height));
    try {
      shotViewport(driver, dir, name);
    } finally {
      driver.manage().window().setSize(old);
    }
  }

  private static void shotViewport(WebDriver driver, Path dir, String name) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  /** {@code funnel demo} in a process of its own, on a port the OS picks. */
  static final class Demo implements AutoCloseable {
    final Process process;
    final String base;
    final String query;
    final String relatedItem;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    Demo(Path workdir) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true",
          "-cp", System.getProperty("java.class.path"), FunnelCli.class.getName(), "demo", "--port", "0", "--workdir", workdir.toString(),
          "--no-vectors", "--items", "2000"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("OPT_OUT_TRACKING", "true");
      process = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      String q = null;
      String rel = null;
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          url = m.group(1);
        }
        Matcher qm = QUERY.matcher(line);
        if (q == null && qm.find()) {
          q = qm.group(1);
        }
        Matcher rm = RELATED.matcher(line);
        if (rm.find()) {
          rel = rm.group(1);
        }
        if (line.startsWith("Press Ctrl-C")) {
          break;
        }
      }
      base = url;
      query = q;
      relatedItem = rel;
      ServeProcess.drain(out, output, "demo-output");
      assertTrue(base != null && query != null, "the demo did not start:\n" + output());
      assertTrue(output().contains("Console: " + base + "/console"), "the banner names the console:\n" + output());
    }

    /** Searches for the example query and words of its results, with a click on one of the top three each (fixed rule, no randomness). */
    void traffic(int searches) throws Exception {
      JsonNode firstAnswer = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"" + query + "\", \"k\": 10}", 200);
      Set<String> queries = new LinkedHashSet<>();
      queries.add(query);
      for (JsonNode item : firstAnswer.path("items")) {
        String title = item.path("fields").path("text").path("title").asText("");
        String[] words = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().split("\\s+");
        if (words.length >= 2) {
          queries.add(words[0] + " " + words[1]);
        }
      }
      List<String> list = new ArrayList<>(queries);
      for (int i = 0; i < searches; i++) {
        JsonNode res = ServedLoopEndToEndTest.post(base, "/search", "{\"query\": \"" + list.get(i % list.size()) + "\", \"k\": 10}", 200);
        JsonNode items = res.path("items");
        if (items.isEmpty()) {
          continue;
        }
        int p = 1 + (i % Math.min(3, items.size()));
        String type = i % 10 == 9 ? "purchase" : "click";
        ServedLoopEndToEndTest.post(base, "/events", "{\"type\": \"" + type + "\", \"request_id\": \"" + res.path("request_id").asText() + "\", \"item_id\": \""
            + items.get(p - 1).path("id").asText() + "\", \"position\": " + p + ", \"timestamp\": \"" + Instant.now() + "\"}", 200);
      }
    }

    String output() {
      synchronized (output) {
        return String.join("\n", output.subList(Math.max(0, output.size() - 60), output.size()));
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
