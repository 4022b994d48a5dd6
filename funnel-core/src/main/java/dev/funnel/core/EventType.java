package dev.funnel.core;

import java.util.Locale;

/** The kinds of feedback Funnel learns from, in increasing order of intent. */
public enum EventType {
  IMPRESSION,
  CLICK,
  ADD_TO_CART,
  PURCHASE;

  /** The wire name: lower case with underscores ({@code add_to_cart}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EventType parse(String field, String value) {
    if (value != null) {
      for (EventType t : values()) {
        if (t.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw new InvalidInputException(field, value, "expected one of impression, click, add_to_cart, purchase");
  }
}
