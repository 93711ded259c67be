package io.linkscope.collector.db;

/**
 * What an in-memory cache over MariaDB knows of a key: the value, that there is none, or nothing
 * yet, so that a caller on a thread that must not wait can tell the last case apart and hand it to
 * a thread that may read MariaDB.
 */
public sealed interface Cached<T> {
  /** The cache holds the value. */
  record Hit<T>(T value) implements Cached<T> {}

  /** The cache knows that MariaDB holds no value for the key. */
  record Absent<T>() implements Cached<T> {}

  /** The cache does not know the key: only MariaDB can tell. */
  record NotInMemory<T>() implements Cached<T> {}

  // One instance each: answering from memory allocates nothing.
  Absent<?> ABSENT = new Absent<>();
  NotInMemory<?> NOT_IN_MEMORY = new NotInMemory<>();

  static <T> Cached<T> of(T value) {
    return new Hit<>(value);
  }

  @SuppressWarnings("unchecked")
  static <T> Cached<T> absent() {
    return (Cached<T>) ABSENT;
  }

  @SuppressWarnings("unchecked")
  static <T> Cached<T> notInMemory() {
    return (Cached<T>) NOT_IN_MEMORY;
  }
}
