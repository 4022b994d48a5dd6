package dev.funnel.server.ops;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The route templates of a server ({@code /related/{item}}), to name the route of a request
 * refused before its endpoint ran (a 401, 413 or 429 answered by a before-handler): its path
 * matched against the templates, or {@code unmatched}. Metric labels stay the templates, never
 * raw paths.
 */
final class RouteTemplates {
  private record Template(String method, String path, Pattern pattern) {}

  private final List<Template> templates = new CopyOnWriteArrayList<>();

  void add(String method, String path) {
    if (!path.startsWith("/")) {
      return; // before/after handlers ("*")
    }
    StringBuilder regex = new StringBuilder();
    for (String part : path.substring(1).split("/", -1)) {
      regex.append('/');
      regex.append(part.startsWith("{") && part.endsWith("}") || part.startsWith("<") && part.endsWith(">") ? "[^/]+" : Pattern.quote(part));
    }
    templates.add(new Template(method, path, Pattern.compile(regex.toString())));
  }

  /** The template of {@code method path}, else of {@code path} under any method, else {@code unmatched}. */
  String match(String method, String path) {
    String any = null;
    for (Template t : templates) {
      if (t.pattern().matcher(path).matches()) {
        if (t.method().equals(method)) {
          return t.path();
        }
        any = any == null ? t.path() : any;
      }
    }
    return any == null ? "unmatched" : any;
  }
}
