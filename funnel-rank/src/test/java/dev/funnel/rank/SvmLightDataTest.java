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
        {"1 qid:3 1:2\n", "qid", "qid:3"},
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
  void readsTheLightGbmExample() throws Exception {
    var train = SharedData.resolve("ltr/lightgbm_example/rank.train");
    Assumptions.assumeTrue(train.isPresent(), "shared data not available");
    SvmLightData s = SvmLightData.read(train.get(), SharedData.resolve("ltr/lightgbm_example/rank.train.query").orElseThrow(), 0);
    assertEquals(3005, s.labels().length);
    assertEquals(201, s.groups().length);
    assertEquals(301, s.columns());
  }
}
