package io.linkscope.collector.stats;

import io.linkscope.collector.click.ClickEvent;

/** The kinds of visits statistics count, with the click kind codes they are stored under. */
public enum Kind {
  CLICK(ClickEvent.Kind.LINK_CLICK, "click"),
  VIEW(ClickEvent.Kind.PAGE_VIEW, "view"),
  TAP(ClickEvent.Kind.WIDGET_TAP, "tap");

  public final int code;
  final String wireName;

  Kind(ClickEvent.Kind kind, String wireName) {
    this.code = kind.code();
    this.wireName = wireName;
  }

  public static Kind of(int code) {
    for (Kind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no statistics for click kind " + code);
  }
}
