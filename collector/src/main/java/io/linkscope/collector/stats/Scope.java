package io.linkscope.collector.stats;

/** Whose counts a rollup row holds; the code is stored, the name goes over the wire. */
public enum Scope {
  LINK(1, "link"),
  PAGE(2, "page"),
  WORKSPACE(3, "workspace");

  public final int code;
  final String wireName;

  Scope(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  static Scope of(int code) {
    for (Scope scope : values()) {
      if (scope.code == code) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope " + code);
  }
}
