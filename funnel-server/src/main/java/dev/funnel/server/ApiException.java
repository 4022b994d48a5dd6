package dev.funnel.server;

/** An error answered as JSON {@code {"error": message, "field": field, "value": value}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;
  private final String value;

  public ApiException(int status, String field, String value, String message) {
    super(message);
    this.status = status;
    this.field = field;
    this.value = value;
  }

  public static ApiException badRequest(String field, Object value, String message) {
    return new ApiException(400, field, value == null ? null : String.valueOf(value), message);
  }

  public static ApiException notFound(String field, Object value, String message) {
    return new ApiException(404, field, value == null ? null : String.valueOf(value), message);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
