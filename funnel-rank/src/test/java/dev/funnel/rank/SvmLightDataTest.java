package dev.funnel.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import dev.funnel.core.util.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvmLightDataTest {
  @TempDir Path dir;

  @Test
  void parsesSparseLinesIntoADenseMatrix() throws Exception {
    Path d = dir.resolve("t.svm");
    Path q = dir.resolve("t.svm.query");
    Files.writeString(d, "2 1:0.5 3:1.25\n0 2:-1 # comment\n\n1 0:7\n");
    Files.writeString(q, "2\n1\n");
    SvmLightData s = SvmLightData.read(d, q, 6);
    assertEquals(6, s.columns());
    assertArrayEquals(new float[] {0, 0.5f, 0, 1.25f, 0, 0}, s.features()[0]);
    assertArrayEquals(new float[] {0, 0, -1, 0, 0, 0}, s.features()[1]);
    assertArrayEquals(new float[] {2, 0, 1}, s.labels());
    assertArrayEquals(new int[] {2, 1}, s.groups());
  }

  @Test
  void errorsNameFileLineFieldAndValue() throws Exception {
    Path d = dir.resolve("bad.svm");
    Path q = dir.resolve("bad.svm.query");
    Files.writeString(q, "1\n");
    String[][] cases = {
        {"x 1:2\n", "label", "x"},
        {"1 1:abc\n", "feature 1", "abc"},
        {"1 1:2 qid:3\n", "qid", "qid:3"},
        {"1 1:NULLX\n", "feature 1", "NULLX"},
        {"1 a:2\n", "feature index", "a"},
        {"1 3:1 2:1\n", "feature index", "2"},
        {"1 12\n", "feature 1", "12"},
    };
    for (String[] c : cases) {
      Files.writeString(d, c[0]);
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> SvmLightData.read(d, q, 0), c[0]);
      assertEquals(c[1], e.field(), c[0]);
      assertEquals(c[2], e.value(), c[0]);
      assertTrue(e.getMessage().startsWith(d + ":1: "), e.getMessage());
    }
    Files.writeString(d, "1 1:1\n0 1:2\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SvmLightData.read(d, q, 0));
    assertEquals("group sizes", e.field());
    Files.writeString(q, "1\nzero\n");
    assertEquals("zero", assertThrows(InvalidInputException.class, () -> SvmLightData.read(d, q, 0)).value());
  }

  @Test
  void letorLinesWithInlineQidsNullsAndDocumentIds() throws Exception {
    Path d = dir.resolve("letor.txt");
    Files.writeString(d, "2 qid:10 1:0.5 2:NULL 3:1 # doc-a\n0 qid:10 1:NaN 3:2 #doc-b\n1 qid:7 2:4\n0 qid:10 1:1 2:1 3:1\n");
    SvmLightData s = SvmLightData.read(d, null, 0, SvmLightData.Absent.MISSING);
    assertArrayEquals(new int[] {2, 1, 1}, s.groups(), "groups are runs of consecutive qids");
    assertTrue(s.inlineQids());
    assertEquals(2, s.missingValues());
    assertArrayEquals(new float[] {Float.NaN, 0.5f, Float.NaN, 1}, s.features()[0]);
    assertArrayEquals(new float[] {Float.NaN, Float.NaN, Float.NaN, 2}, s.features()[1], "absent features are missing");
    assertArrayEquals(new String[] {"doc-a", "doc-b", null, null}, s.ids());
    SvmLightData z = SvmLightData.read(d, null, 0, SvmLightData.Absent.ZERO);
    assertArrayEquals(new float[] {0, Float.NaN, 0, 2}, z.features()[1], "NULL and NaN stay missing; absent is zero");
    Path mixed = dir.resolve("mixed.txt");
    Files.writeString(mixed, "1 qid:1 1:1\n0 1:2\n");
    assertEquals("qid", assertThrows(InvalidInputException.class, () -> SvmLightData.read(mixed, null, 0)).field());
    Path none = dir.resolve("none.txt");
    Files.writeString(none, "1 1:1\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SvmLightData.read(none, dir.resolve("none.txt.query"), 0));
    assertTrue(e.getMessage().contains("expected qid: tokens"), e.getMessage());
    Path back = dir.resolve("back.svm");
    s.writeForLightGbm(back);
    SvmLightData again = SvmLightData.read(back, dir.resolve("back.svm.query"), 0, SvmLightData.Absent.MISSING);
    assertArrayEquals(s.groups(), again.groups());
    for (int r = 0; r < 4; r++) {
      assertArrayEquals(s.features()[r], again.features()[r]);
    }
  }

  @Test
  void readsTheLightGbmExample() throws Exception {
    var train = SharedData.resolve("ltr/lightgbm_example/rank.train");
    Assumptions.assumeTrue(train.isPresent(), "shared data not available");
    SvmLightData s = SvmLightData.read(train.get(), SharedData.resolve("ltr/lightgbm_example/rank.train.query").orElseThrow(), 0);
    assertEquals(3005, s.labels().length);
    assertEquals(201, s.groups().length);
    assertEquals(301, s.columns());
  }
}
