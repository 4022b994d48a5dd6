package dev.funnel.core;

/**
 * Bad input from a user, a file or a request. The message always names the field, the value
 * and what was expected, so the caller can fix it without reading code.
 */
public final class InvalidInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String expected;

  public InvalidInputException(String field, Object value, String expected) {
    super(field + ": " + expected + ", got " + render(value));
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
    this.expected = expected;
  }

  /** Same as the other constructor, prefixed with where the input came from (file:line). */
  public InvalidInputException(String where, String field, Object value, String expected) {
    super(where + ": " + field + ": " + expected + ", got " + render(value));
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
    this.expected = expected;
  }

  /** The same error located at {@code where} (for example {@code file:line}). */
  public InvalidInputException at(String where) {
    return new InvalidInputException(where, field, value, expected);
  }

  /** What was expected, in words. */
  public String expected() {
    return expected;
  }

  /** The offending field, as named in the input (JSON key, CLI option or column). */
  public String field() {
    return field;
  }

  /** The offending value as text, or {@code null} when it was missing. */
  public String value() {
    return value;
  }

  private static String render(Object value) {
    if (value == null) {
      return "nothing";
    }
    String s = String.valueOf(value);
    if (s.length() > 120) {
      s = s.substring(0, 117) + "...";
    }
    return value instanceof Number || value instanceof Boolean ? s : "\"" + s + "\"";
  }
}
