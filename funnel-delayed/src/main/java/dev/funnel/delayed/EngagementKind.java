package dev.funnel.delayed;

/** Post-click signals of intent seen before a conversion: add to cart, favourite, repeated view. */
public enum EngagementKind {
  CART,
  FAVOURITE,
  VIEW
}
