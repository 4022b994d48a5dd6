package dev.funnel.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks HTTP exchanges against an OpenAPI 3.1 document: the status must be documented for the
 * operation, the content type must be one the spec lists, and a JSON body must validate against
 * the response schema with the networknt JSON Schema (2020-12) validator, the spec's {@code
 * components} in scope for its {@code $ref}s. It also lists every operation the spec describes
 * and which of them were exercised.
 */
final class OpenApiContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final JsonNode spec;
  private final Set<String> checked = new TreeSet<>();
  private int responses;

  OpenApiContract(JsonNode spec) {
    assertTrue(spec.path("openapi").asText().startsWith("3.1"), "an OpenAPI 3.1 document");
    this.spec = spec;
  }

  /** Every operation of the spec, {@code "METHOD /path/{param}"}. */
  Set<String> operations() {
    Set<String> out = new TreeSet<>();
    for (Iterator<String> paths = spec.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      for (Iterator<String> ops = spec.path("paths").path(path).fieldNames(); ops.hasNext(); ) {
        String m = ops.next();
        if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m)) {
          out.add(m.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    return out;
  }

  /** The operations {@link #check} has seen at least once. */
  Set<String> checked() {
    return Set.copyOf(checked);
  }

  int responses() {
    return responses;
  }

  /** The schema of a JSON body: {@code node} with the spec's components beside it, so "#/components/..." resolves. */
  private Schema schema(JsonNode node) {
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapper.set("components", spec.path("components"));
    wrapper.setAll((ObjectNode) node.deepCopy());
    return REGISTRY.getSchema(wrapper);
  }

  private JsonNode operation(String method, String template) {
    JsonNode op = spec.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    if (op.isMissingNode()) {
      fail("the spec has no operation " + method + " " + template);
    }
    return op;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      String ref = n.get("$ref").asText();
      assertTrue(ref.startsWith("#/"), ref);
      n = spec.at(ref.substring(1));
      assertTrue(!n.isMissingNode(), "unresolved " + ref);
    }
    return n;
  }

  /** The schema errors of {@code body} as a request body of {@code method template} (empty: valid). */
  List<String> requestErrors(String method, String template, String body) throws Exception {
    JsonNode schema = resolve(operation(method, template).path("requestBody")).path("content").path("application/json").path("schema");
    assertTrue(!schema.isMissingNode(), method + " " + template + " documents no JSON request body");
    List<String> out = new ArrayList<>();
    for (Error e : schema(schema).validate(JSON.readTree(body))) {
      out.add(e.toString());
    }
    return out;
  }

  /** The schema errors of {@code body} as the spec's common error ({@code #/components/schemas/Error}); empty: valid. */
  List<String> errorShape(String body) throws Exception {
    List<String> out = new ArrayList<>();
    for (Error e : schema(JSON.createObjectNode().put("$ref", "#/components/schemas/Error")).validate(JSON.readTree(body))) {
      out.add(e.toString());
    }
    return out;
  }

  /** The schema errors of a JSON {@code body} as the {@code status} answer of {@code method template} (empty: valid). */
  List<String> responseErrors(String method, String template, int status, JsonNode body) {
    JsonNode schema = resolve(operation(method, template).path("responses").path(Integer.toString(status))).path("content").path("application/json")
        .path("schema");
    assertTrue(!schema.isMissingNode(), method + " " + template + " documents no JSON answer with status " + status);
    List<String> out = new ArrayList<>();
    for (Error e : schema(schema).validate(body)) {
      out.add(e.toString());
    }
    return out;
  }

  /** Validates one exchange of the operation {@code method template}; returns its JSON body (null for other types). */
  JsonNode check(String method, String template, HttpResponse<String> r) throws Exception {
    String what = method + " " + r.uri().getPath() + (r.uri().getQuery() == null ? "" : "?" + r.uri().getQuery()) + " -> " + r.statusCode();
    JsonNode responsesNode = operation(method, template).path("responses");
    JsonNode response = responsesNode.path(Integer.toString(r.statusCode()));
    if (response.isMissingNode()) {
      response = responsesNode.path("default");
    }
    if (response.isMissingNode()) {
      fail(what + ": status not documented for " + method + " " + template + ": " + r.body());
    }
    response = resolve(response);
    String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode media = response.path("content").path(type);
    if (media.isMissingNode()) {
      fail(what + ": content type '" + type + "' not documented; the spec lists " + fieldNames(response.path("content")));
    }
    checked.add(method + " " + template);
    responses++;
    if (!type.equals("application/json")) {
      assertTrue(!r.body().isEmpty(), what + ": an empty body");
      return null;
    }
    JsonNode body = JSON.readTree(r.body());
    assertNotNull(body, what);
    List<Error> errors = schema(media.path("schema")).validate(body);
    if (!errors.isEmpty()) {
      fail(what + ": the body does not match the spec: " + errors + "\n" + abbreviate(r.body()));
    }
    return body;
  }

  /** As {@link #check}, and the status must be {@code status}. */
  JsonNode check(String method, String template, HttpResponse<String> r, int status) throws Exception {
    assertEquals(status, r.statusCode(), method + " " + r.uri() + ": " + abbreviate(r.body()));
    return check(method, template, r);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }
}
