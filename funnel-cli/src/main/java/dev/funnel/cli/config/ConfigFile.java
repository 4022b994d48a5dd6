package dev.funnel.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A deployment config file, read and checked against the options of a command ({@code serve}):
 * a YAML mapping of sections to mappings of keys ({@link ConfigKeys}). An unknown section or key,
 * a value of the wrong type (a string where a number goes, a list where one value goes) or a key
 * given twice stops the reading with an error naming the key, the file and the line (Jackson's
 * {@link JsonLocation}). A null value ({@code ~}) leaves the key at its default. The values then
 * serve as the command line's defaults ({@link #defaults()}), so a flag given on the command line
 * overrides the file. Errors found later in a value (a policy name that does not exist) are
 * located in the file by {@link #locate}.
 */
public final class ConfigFile {
  private static final YAMLFactory YAML = YAMLMapper.builder().build().getFactory();

  /** One value of the file: as text for the command line, and where it was. */
  public record Value(String key, String text, int line) {}

  private final Path file;
  private final Map<String, Value> values;

  private ConfigFile(Path file, Map<String, Value> values) {
    this.file = file;
    this.values = values;
  }

  public Path file() {
    return file;
  }

  /** The values set by the file, by key, in file order. */
  public Map<String, Value> values() {
    return values;
  }

  /** Reads and checks {@code file} against the options of {@code spec}. */
  public static ConfigFile read(Path file, CommandSpec spec) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("--config", file, "expected a readable YAML config file");
    }
    Map<String, Value> values = new LinkedHashMap<>();
    try (JsonParser p = YAML.createParser(file.toFile())) {
      p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      JsonToken t = p.nextToken();
      if (t == null) {
        return new ConfigFile(file, values); // an empty file sets nothing
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(file, p, "config", p.getText(), "expected a mapping of sections (" + String.join(", ", ConfigKeys.SECTIONS.keySet()) + ")");
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String section = p.currentName();
        if (!ConfigKeys.SECTIONS.containsKey(section)) {
          throw error(file, p, section, section, "unknown section, expected one of " + String.join(", ", ConfigKeys.SECTIONS.keySet()));
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw error(file, p, section, p.getText(), "expected a mapping of keys (" + names(ConfigKeys.of(section)) + ")");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String path = section + "." + name;
          ConfigKeys.Key key = ConfigKeys.byPath(path).orElseThrow(() -> error(file, p, path, name,
              "unknown key, expected one of " + section + "." + "{" + names(ConfigKeys.of(section)) + "}"));
          OptionSpec option = spec.findOption(key.flag());
          if (option == null) {
            throw new IllegalStateException("config key " + path + " names " + key.flag() + ", which " + spec.name() + " does not have");
          }
          p.nextToken();
          int line = p.currentTokenLocation().getLineNr();
          String text = value(file, p, path, option);
          if (text != null) {
            values.put(path, new Value(path, text, line));
          }
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Duplicate field")) {
        throw new InvalidInputException(where(file, at), "config", msg.replaceAll("^Duplicate field '([^']*)'.*", "$1"),
            "expected each key once, but it is repeated");
      }
      throw new InvalidInputException(where(file, at), "config", null, "expected valid YAML (" + msg + ")");
    }
    return new ConfigFile(file, values);
  }

  /** The value of the current token as command-line text (lists joined by commas), checked against the option's type. */
  private static String value(Path file, JsonParser p, String key, OptionSpec option) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    Class<?> type = option.type();
    if (Collection.class.isAssignableFrom(type)) {
      Class<?> element = option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0] : String.class;
      if (t != JsonToken.START_ARRAY) {
        throw error(file, p, key, p.getText(), "expected a list of " + typeName(element).replaceFirst("^an? ", "") + "s such as [" + example(element) + "]");
      }
      List<String> items = new ArrayList<>();
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        String item = scalar(file, p, key, element);
        if (item.contains(",")) {
          throw error(file, p, key, item, "expected list items without commas");
        }
        items.add(item);
      }
      return String.join(",", items);
    }
    return scalar(file, p, key, type);
  }

  private static String scalar(Path file, JsonParser p, String key, Class<?> type) throws IOException {
    JsonToken t = p.currentToken();
    boolean ok = switch (typeName(type)) {
      case "a boolean" -> t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE;
      case "an integer" -> t == JsonToken.VALUE_NUMBER_INT && fits(p, type);
      case "a number" -> t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
      case "a path" -> t == JsonToken.VALUE_STRING;
      default -> t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT;
    };
    if (!ok) {
      String got = t == JsonToken.START_OBJECT ? "a mapping" : t == JsonToken.START_ARRAY ? "a list" : p.getText();
      throw error(file, p, key, got, "expected " + typeName(type) + (t == JsonToken.VALUE_NUMBER_INT && typeName(type).equals("an integer")
          ? " in the range of " + type.getSimpleName() : ""));
    }
    return p.getText();
  }

  private static boolean fits(JsonParser p, Class<?> type) throws IOException {
    if (type == int.class || type == Integer.class) {
      return p.getNumberType() == JsonParser.NumberType.INT;
    }
    return p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG;
  }

  static String typeName(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      return "a number";
    }
    if (type == Path.class) {
      return "a path";
    }
    return "a string";
  }

  private static String example(Class<?> element) {
    return typeName(element).equals("an integer") ? "10, 30, 100" : "a, b";
  }

  private static String names(List<ConfigKeys.Key> keys) {
    return String.join(", ", keys.stream().map(ConfigKeys.Key::name).toList());
  }

  private static InvalidInputException error(Path file, JsonParser p, String key, Object value, String expected) {
    return new InvalidInputException(where(file, p.currentTokenLocation()), key, value, expected);
  }

  static String where(Path file, JsonLocation at) {
    return file + (at == null || at.getLineNr() < 1 ? "" : " line " + at.getLineNr());
  }

  /** The file's values as defaults of a command line: a flag on the command line overrides them. */
  public CommandLine.IDefaultValueProvider defaults() {
    return (ArgSpec arg) -> {
      if (!(arg instanceof OptionSpec o)) {
        return null;
      }
      for (String name : o.names()) {
        var key = ConfigKeys.byFlag(name);
        if (key.isPresent()) {
          Value v = values.get(key.get().path());
          return v == null ? null : v.text();
        }
      }
      return null;
    };
  }

  /**
   * An error about a flag, located in the file when the file set that flag and the command line
   * did not: {@code FILE line N: loop.policy: ...}. Other errors are returned as they are.
   */
  public InvalidInputException locate(InvalidInputException e, CommandLine.ParseResult commandLine) {
    var key = ConfigKeys.byFlag(e.field());
    if (key.isEmpty() || !values.containsKey(key.get().path())) {
      return e;
    }
    OptionSpec o = commandLine == null ? null : commandLine.commandSpec().findOption(e.field());
    if (o != null && commandLine.hasMatchedOption(o)) {
      return e; // the command line's value, not the file's
    }
    Value v = values.get(key.get().path());
    return new InvalidInputException(file + " line " + v.line(), key.get().path(), e.value(), e.expected());
  }

  /** Writes a config file of {@code values} by key ({@code section.name}); null values are left out. */
  public static void write(Path file, Map<String, Object> values) throws IOException {
    Map<String, Map<String, Object>> tree = new LinkedHashMap<>();
    for (String section : ConfigKeys.SECTIONS.keySet()) {
      for (ConfigKeys.Key k : ConfigKeys.of(section)) {
        Object v = values.get(k.path());
        if (v != null) {
          tree.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(k.name(), v instanceof Path path ? path.toString() : v);
        }
      }
    }
    for (String key : values.keySet()) {
      if (ConfigKeys.byPath(key).isEmpty()) {
        throw new InvalidInputException("config", key, "expected a config key");
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    YAMLMapper.builder().build().writeValue(file.toFile(), tree);
  }
}
