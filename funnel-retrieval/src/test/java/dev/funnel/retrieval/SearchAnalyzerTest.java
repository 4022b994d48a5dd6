package dev.funnel.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchAnalyzerTest {
  private final SearchAnalyzer analyzer = new SearchAnalyzer();

  @Test
  void followsTheAnseriniRecipe() {
    // Possessive removed, lower-cased, stop words (the, of, and, in) dropped, Porter-stemmed.
    assertEquals(List.of("cell", "protein", "run", "quickli", "mice"), analyzer.terms("The Cell's PROTEINS of running quickly and in mice"));
    assertEquals(List.of("covid", "19", "vaccin", "effect"), analyzer.terms("COVID-19 vaccines' effectiveness"));
    assertEquals(List.of(), analyzer.terms("the of and a an"));
    assertEquals(List.of(), analyzer.terms(""));
  }
}
