package dev.funnel.data;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.io.Inputs;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of a comma-separated file, parsed by Apache Commons CSV (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks), gunzipped when the file is gzipped ({@link Inputs}). Fields
 * are trimmed; blank lines are skipped. Every row must have as many fields as the header (or the
 * declared column count of a file without one); a row that does not, and a field that does not
 * parse, is refused with an {@link InvalidInputException} naming {@code file:line}, the column
 * and the value.
 */
public final class CsvFile implements Iterable<CsvFile.Row>, Closeable {
  private final Path file;
  private final CSVParser parser;
  private final List<String> header;
  private final int columns;
  private final Iterator<CSVRecord> records;
  private long lastLine;

  private CsvFile(Path file, Reader in, List<String> required, int columns) throws IOException {
    this.file = file;
    this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get().parse(in);
    this.records = parser.iterator();
    if (required == null) {
      this.header = null;
      this.columns = columns;
    } else {
      if (!records.hasNext()) {
        throw new InvalidInputException(file + ":1", "header", null, "expected a header with the columns " + String.join(",", required));
      }
      CSVRecord h = records.next();
      lastLine = parser.getCurrentLineNumber();
      List<String> names = new ArrayList<>();
      h.forEach(names::add);
      for (String r : required) {
        if (!names.contains(r)) {
          throw new InvalidInputException(file + ":" + lastLine, "header", String.join(",", names), "expected a column named " + r);
        }
      }
      this.header = List.copyOf(names);
      this.columns = names.size();
    }
  }

  /** A file whose first row names its columns; every name of {@code required} must be there. */
  public static CsvFile withHeader(Path file, List<String> required) throws IOException {
    return open(file, List.copyOf(required), -1);
  }

  /** A file without a header, of exactly {@code columns} columns. */
  public static CsvFile withoutHeader(Path file, int columns) throws IOException {
    if (columns < 1) {
      throw new InvalidInputException("columns", columns, "expected at least one column");
    }
    return open(file, null, columns);
  }

  private static CsvFile open(Path file, List<String> required, int columns) throws IOException {
    Reader in = Inputs.reader(file);
    try {
      return new CsvFile(file, in, required, columns);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /** The header's column names, or {@code null} for a file without one. */
  public List<String> header() {
    return header;
  }

  public Path file() {
    return file;
  }

  @Override
  public Iterator<Row> iterator() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return records.hasNext();
        } catch (UncheckedIOException e) {
          throw new InvalidInputException(file + ":" + (lastLine + 1), "row", null, "expected well-formed CSV (" + e.getCause().getMessage() + ")");
        }
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CSVRecord r = records.next();
        long first = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        // Blank lines before the record were skipped: the record ends on lastLine and spans as
        // many lines as it has line breaks inside quoted fields.
        long breaks = 0;
        for (String v : r) {
          breaks += v.chars().filter(c -> c == '\n').count();
        }
        long line = Math.max(first, lastLine - breaks);
        Row row = new Row(file + ":" + line, line, r);
        if (r.size() != columns) {
          throw new InvalidInputException(row.where(), "columns", r.size(),
              "expected " + columns + " comma-separated values" + (header == null ? "" : " as in the header " + String.join(",", header)));
        }
        return row;
      }
    };
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** One row: its fields and where it stands, with typed access that names the bad field. */
  public final class Row {
    private final String where;
    private final long line;
    private final CSVRecord record;

    private Row(String where, long line, CSVRecord record) {
      this.where = where;
      this.line = line;
      this.record = record;
    }

    /** {@code file:line} of the row, for error messages. */
    public String where() {
      return where;
    }

    /** The 1-based line on which the row starts. */
    public long line() {
      return line;
    }

    public int size() {
      return record.size();
    }

    public String get(int column) {
      return record.get(column);
    }

    /** The value of the named column (files with a header). */
    public String get(String column) {
      return record.get(index(column));
    }

    public int integer(String column) {
      return integer(index(column), column);
    }

    public int integer(int column, String name) {
      String v = record.get(column);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw bad(name, v, "expected an integer");
      }
    }

    public long longValue(int column, String name, String expected) {
      String v = record.get(column);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw bad(name, v, expected);
      }
    }

    /** A finite number. */
    public double number(String column) {
      return number(index(column), column);
    }

    public double number(int column, String name) {
      String v = record.get(column);
      try {
        double d = Double.parseDouble(v);
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(name, v, "expected a finite number");
    }

    /** A binary label: 1, 1.0 or true; 0, 0.0 or false. */
    public boolean label(int column, String name) {
      String v = record.get(column);
      return switch (v.toLowerCase(Locale.ROOT)) {
        case "1", "1.0", "true" -> true;
        case "0", "0.0", "false" -> false;
        default -> throw bad(name, v, "expected a label 0/1 or true/false");
      };
    }

    /** An error naming this row, the field and its value. */
    public InvalidInputException bad(String field, Object value, String expected) {
      return new InvalidInputException(where, field, value, expected);
    }

    public int index(String column) {
      int i = header == null ? -1 : header.indexOf(column);
      if (i < 0) {
        throw new InvalidInputException(where, "column", column, "expected one of the header's columns " + header);
      }
      return i;
    }
  }
}
