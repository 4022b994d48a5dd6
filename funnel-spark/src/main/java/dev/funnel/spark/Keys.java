package dev.funnel.spark;

/** Join keys of two strings (ids never contain U+0000). */
final class Keys {
  private Keys() {}

  static String of(String a, String b) {
    return a + '\u0000' + b;
  }
}
