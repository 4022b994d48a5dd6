package dev.funnel.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A BEIR-format test collection: {@code corpus.jsonl}, {@code queries.jsonl} ({@code _id},
 * {@code text}) and {@code qrels/SPLIT.tsv} ({@code query-id corpus-id score}, header line).
 * Only queries with judgments in the split are evaluated, in query-id order.
 */
public record BeirDataset(Path dir, String split, Map<String, String> queries, Map<String, Map<String, Integer>> qrels) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public BeirDataset {
    queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    qrels = Collections.unmodifiableMap(new LinkedHashMap<>(qrels));
  }

  public Path corpus() {
    return dir.resolve("corpus.jsonl");
  }

  public String name() {
    return dir.toAbsolutePath().normalize().getFileName().toString();
  }

  public static BeirDataset load(Path dir, String split) throws IOException {
    if (!Files.isRegularFile(dir.resolve("corpus.jsonl"))) {
      throw new InvalidInputException("beir", dir, "expected a BEIR folder with corpus.jsonl, queries.jsonl and qrels/");
    }
    Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
    if (!Files.isRegularFile(qrelsFile)) {
      throw new InvalidInputException("split", split, "expected a split with a file " + qrelsFile);
    }
    Map<String, Map<String, Integer>> qrels = new TreeMap<>();
    int no = 0;
    for (String line : Files.readAllLines(qrelsFile, StandardCharsets.UTF_8)) {
      no++;
      if (line.isBlank() || (no == 1 && line.startsWith("query-id"))) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length < 3) {
        throw new InvalidInputException(qrelsFile + ":" + no, "line", line, "expected query-id, corpus-id and score separated by tabs");
      }
      int grade;
      try {
        grade = Integer.parseInt(f[2].trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(qrelsFile + ":" + no, "score", f[2], "expected an integer");
      }
      qrels.computeIfAbsent(f[0].trim(), q -> new TreeMap<>()).put(f[1].trim(), grade);
    }
    Map<String, String> all = new LinkedHashMap<>();
    Path queriesFile = dir.resolve("queries.jsonl");
    try (BufferedReader r = Files.newBufferedReader(queriesFile, StandardCharsets.UTF_8)) {
      String line;
      no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        if (n.get("_id") == null || n.get("text") == null) {
          throw new InvalidInputException(queriesFile + ":" + no, "_id", line, "expected a query with _id and text");
        }
        all.put(n.get("_id").asText(), n.get("text").asText());
      }
    }
    Map<String, String> queries = new LinkedHashMap<>();
    for (String q : qrels.keySet()) {
      String text = all.get(q);
      if (text == null) {
        throw new InvalidInputException(qrelsFile.toString(), "query-id", q, "expected a query present in " + queriesFile);
      }
      queries.put(q, text);
    }
    return new BeirDataset(dir, split, queries, qrels);
  }
}
