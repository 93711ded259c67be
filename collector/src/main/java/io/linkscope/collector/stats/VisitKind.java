package io.linkscope.collector.stats;

import io.linkscope.collector.click.ClickEvent;

/**
 * The kinds of visits statistics count (clicks, page views, taps), with the codes of the journal's
 * {@link ClickEvent.Kind} they are stored under; orphan visits are counted apart.
 */
public enum VisitKind {
  CLICK(ClickEvent.Kind.LINK_CLICK, "click"),
  VIEW(ClickEvent.Kind.PAGE_VIEW, "view"),
  TAP(ClickEvent.Kind.WIDGET_TAP, "tap");

  public final int code;
  final String wireName;

  VisitKind(ClickEvent.Kind kind, String wireName) {
    this.code = kind.code();
    this.wireName = wireName;
  }

  public static VisitKind of(int code) {
    for (VisitKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new IllegalArgumentException("no statistics for click kind " + code);
  }
}
