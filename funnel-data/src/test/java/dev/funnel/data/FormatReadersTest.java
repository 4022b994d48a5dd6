package dev.funnel.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnel.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatReadersTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void taobaoRowsInFileOrderWithTheirLines() throws IOException {
    Path p = write("ub.csv", "1,10,100,pv,1511658000\n\n1,10,100,buy,1511659000\n2,11,100,fav,1511658100\n");
    List<TaobaoUserBehavior.Event> e = TaobaoUserBehavior.read(p);
    assertEquals(3, e.size());
    assertEquals(new TaobaoUserBehavior.Event(1, "1", "10", "100", TaobaoUserBehavior.Behavior.PAGE_VIEW, 1511658000), e.get(0));
    assertEquals(3, e.get(1).line());
    assertEquals(TaobaoUserBehavior.Behavior.BUY, e.get(1).behavior());
  }

  @Test
  void taobaoRefusesAnUnknownBehaviourAndABadTime() throws IOException {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TaobaoUserBehavior.read(write("b.csv", "1,10,100,like,1\n")));
    assertEquals("behavior", e.field());
    assertEquals("like", e.value());
    assertTrue(e.getMessage().contains("b.csv:1:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TaobaoUserBehavior.read(write("t.csv", "1,10,100,pv,1\n1,10,100,pv,soon\n")));
    assertEquals("unix_ts", e.field());
    assertTrue(e.getMessage().contains("t.csv:2:"), e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> TaobaoUserBehavior.read(write("c.csv", "1,10,100,pv\n")));
    assertEquals("columns", e.field());
  }

  @Test
  void talkingDataClicksWithAndWithoutInstalls() throws IOException {
    Path p = write("td.csv", """
        ip,app,device,os,channel,click_time,attributed_time,is_attributed
        87540,12,1,13,497,2017-11-07 09:30:38,,0
        5,3,1,19,379,2017-11-07 23:59:59,2017-11-08 00:10:00,1
        """);
    List<TalkingDataClicks.Click> c = TalkingDataClicks.read(p);
    assertEquals(2, c.size());
    assertEquals(2, c.get(0).line());
    assertEquals(9, c.get(0).hour());
    assertEquals(TalkingDataClicks.NOT_ATTRIBUTED, c.get(0).attributedTime());
    assertFalse(c.get(0).attributed());
    assertEquals(23, c.get(1).hour());
    assertEquals(c.get(1).clickTime() + 601, c.get(1).attributedTime());
    assertTrue(c.get(1).attributed());
  }

  @Test
  void talkingDataRefusesABadTimeNamingTheColumn() throws IOException {
    Path p = write("td.csv", "ip,app,device,os,channel,click_time,attributed_time,is_attributed\n1,2,3,4,5,07/11/2017,,0\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TalkingDataClicks.read(p));
    assertEquals("click_time", e.field());
    assertTrue(e.getMessage().contains("td.csv:2:"), e.getMessage());
    Path h = write("h.csv", "ip,app,device\n1,2,3\n");
    assertEquals("header", assertThrows(InvalidInputException.class, () -> TalkingDataClicks.read(h)).field());
  }

  @Test
  void obdImpressionsByColumnName() throws IOException {
    Path p = write("men.csv", ",timestamp,item_id,position,click,propensity_score,user_feature_0\n"
        + "0,2019-11-24 00:03:13+00:00,14,3,0,0.0294,\"a,b\"\n1,2019-11-24 00:03:36+00:00,10,1,1,0.5,c\n");
    List<ObdRows.Impression> rows = ObdRows.read(p);
    assertEquals(List.of(new ObdRows.Impression(2, 14, 3, 0, 0.0294), new ObdRows.Impression(3, 10, 1, 1, 0.5)), rows);
    assertEquals(2, ObdRows.rows(p));
  }

  @Test
  void obdRefusesAPropensityOutsideTheUnitInterval() throws IOException {
    Path p = write("men.csv", "item_id,position,click,propensity_score\n1,1,0,0\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ObdRows.read(p));
    assertEquals("propensity_score", e.field());
    Path c = write("c.csv", "item_id,position,click,propensity_score\n1,1,2,0.5\n");
    assertEquals("click", assertThrows(InvalidInputException.class, () -> ObdRows.read(c)).field());
  }
}
