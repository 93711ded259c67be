package io.linkscope.collector.click;

/**
 * Takes each visit the moment it is journaled, on the request thread, before the answer goes out:
 * for what shows visits as they happen (the live view). It must return at once and never wait (hand
 * the event to a bounded queue and drop when it is full); what it throws is logged and the visit is
 * answered all the same.
 */
@FunctionalInterface
public interface JournaledClicks {
  JournaledClicks NONE = event -> {};

  void journaled(ClickEvent event);
}
