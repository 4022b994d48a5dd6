package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import dev.funnel.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shape of the embedding model's calls: no padding, and the benchmark of that path. */
class EmbeddingBatchesTest {
  private static final MiniLmEmbedder MODEL = MiniLmEmbedder.shared();

  private static List<String> texts() {
    List<String> t = new ArrayList<>();
    String[] words = {"gift", "card", "coffee", "shop", "birthday", "voucher", "music", "store"};
    for (int i = 0; i < 40; i++) {
      StringBuilder s = new StringBuilder();
      for (int w = 0; w <= i % 7; w++) {
        s.append(w == 0 ? "" : " ").append(words[(i + w) % words.length]);
      }
      t.add(s.toString());
    }
    return t;
  }

  @Test
  void unpaddedCallsHoldTextsOfOneLengthAndEveryTextIsInOneCall() {
    List<String> texts = texts();
    Encoding[] enc = texts.stream().map(MODEL::encode).toArray(Encoding[]::new);
    List<int[]> calls = MiniLmEmbedder.unpaddedBatches(enc);
    Set<Integer> seen = new HashSet<>();
    for (int[] call : calls) {
      assertTrue(call.length >= 1 && call.length <= MiniLmEmbedder.CHUNK, "call size " + call.length);
      int len = enc[call[0]].getIds().length;
      for (int i : call) {
        assertEquals(len, enc[i].getIds().length, "a call mixes lengths, so it would be padded");
        assertTrue(seen.add(i), "text " + i + " in two calls");
      }
    }
    assertEquals(texts.size(), seen.size());
    assertTrue(calls.size() < texts.size(), "texts of equal length share calls");
  }

  @Test
  void paddedCallsAreSortedRunsOfSixteenCoveringEveryText() {
    List<String> texts = texts();
    Encoding[] enc = texts.stream().map(MODEL::encode).toArray(Encoding[]::new);
    List<int[]> calls = MiniLmEmbedder.batches(enc);
    assertEquals((texts.size() + MiniLmEmbedder.CHUNK - 1) / MiniLmEmbedder.CHUNK, calls.size());
    Set<Integer> seen = new HashSet<>();
    int last = 0;
    for (int[] call : calls) {
      for (int i : call) {
        int len = enc[i].getIds().length;
        assertTrue(len >= last, "calls follow the length order");
        last = len;
        assertTrue(seen.add(i), "text " + i + " in two calls");
      }
    }
    assertEquals(texts.size(), seen.size());
  }

  @Test
  void embeddingKeepsTheInputOrder() {
    List<String> texts = List.of("a gift card for the coffee shop", "coffee", "music store");
    float[][] together = MODEL.embed(texts);
    float[][] reversed = MODEL.embed(List.of(texts.get(2), texts.get(1), texts.get(0)));
    // The calls are formed after sorting by length, so both orders make the same calls.
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(together[i], reversed[texts.size() - 1 - i], 0f, texts.get(i));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theBenchmarkTimesEveryPathOnTheSameTexts() throws Exception {
    Map<String, Object> out = new EmbeddingBenchmark(MiniLmEmbedder.Variant.QUANTIZED, 8, 1).run(texts().subList(0, 12));
    assertEquals(12, out.get("texts"));
    assertTrue((double) out.get("padding") > 1.0, "mixed lengths are padded in Funnel's calls");
    assertTrue((int) out.get("model_calls_unpadded") >= (int) out.get("model_calls"));
    Map<String, Object> ratios = (Map<String, Object>) out.get("ratios");
    assertTrue((double) ratios.get("funnel_over_raw") > 0, ratios.toString());
    Map<String, Object> medians = (Map<String, Object>) out.get("medians");
    assertTrue((double) medians.get("raw_one_text_per_call_s") > 0, medians.toString());
  }

  @Test
  void badSettingsAreRefusedByName() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new EmbeddingBenchmark(MiniLmEmbedder.Variant.QUANTIZED, 0, 1));
    assertTrue(e.getMessage().contains("batch"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new EmbeddingBenchmark(MiniLmEmbedder.Variant.QUANTIZED, 4, 0));
    assertTrue(e.getMessage().contains("rounds"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> new EmbeddingBenchmark(MiniLmEmbedder.Variant.QUANTIZED, 4, 1).run(List.of()));
    assertTrue(e.getMessage().contains("texts"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> MiniLmEmbedder.Variant.byModelName("minilm-fp16"));
    assertTrue(e.getMessage().contains("minilm-fp16"), e.getMessage());
  }
}
