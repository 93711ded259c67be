package io.linkscope.collector.live;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One open stream: a queue of frames written one at a time with Jetty's asynchronous writes, so it
 * holds no thread between writes. Offering never waits: a stream whose queue is full (its client
 * reads too slowly, or not at all) drops what waits and ends, and the client resumes from the ring
 * when it reconnects.
 */
final class LiveStream extends IteratingCallback {
  private static final int WRITE_BYTES = 64 * 1024;

  private final Response response;
  private final Callback callback;
  private final LiveFilter filter;
  private final long keyId;
  private final int queueLimit;
  private final Consumer<LiveStream> onEnd;
  private final Runnable onOverflow;
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>(); // guarded by this
  private boolean ending; // guarded by this

  LiveStream(
      Response response,
      Callback callback,
      LiveFilter filter,
      long keyId,
      int queueLimit,
      Consumer<LiveStream> onEnd,
      Runnable onOverflow) {
    this.onOverflow = onOverflow;
    this.response = response;
    this.callback = callback;
    this.filter = filter;
    this.keyId = keyId;
    this.queueLimit = queueLimit;
    this.onEnd = onEnd;
  }

  LiveFilter filter() {
    return filter;
  }

  long keyId() {
    return keyId;
  }

  /**
   * Queues a frame without writing it; {@link #iterate()} writes. False when the stream is ending,
   * or has just overflowed and ends now.
   */
  synchronized boolean enqueue(byte[] frame) {
    if (ending) {
      return false;
    }
    if (queue.size() >= queueLimit) {
      queue.clear();
      ending = true;
      onOverflow.run();
      return false;
    }
    queue.add(ByteBuffer.wrap(frame));
    return true;
  }

  /** Queues a frame and writes what is queued. */
  void offer(byte[] frame) {
    enqueue(frame);
    iterate();
  }

  /** Ends the stream after what is queued has been written. */
  void end() {
    synchronized (this) {
      ending = true;
    }
    iterate();
  }

  @Override
  protected Action process() {
    ByteBuffer next;
    synchronized (this) {
      next = queue.poll();
      if (next == null) {
        return ending ? Action.SUCCEEDED : Action.IDLE;
      }
      if (!queue.isEmpty()) {
        next = gather(next);
      }
    }
    response.write(false, next, this);
    return Action.SCHEDULED;
  }

  /**
   * Joins what waits behind {@code first} into one write of up to {@link #WRITE_BYTES}: at
   * thousands of events a second, one write per event would cost a write call each. Under the lock.
   */
  private ByteBuffer gather(ByteBuffer first) {
    int size = first.remaining();
    int count = 0;
    for (ByteBuffer frame : queue) {
      if (size + frame.remaining() > WRITE_BYTES) {
        break;
      }
      size += frame.remaining();
      count++;
    }
    if (count == 0) {
      return first;
    }
    ByteBuffer joined = ByteBuffer.allocate(size);
    joined.put(first);
    for (int i = 0; i < count; i++) {
      joined.put(queue.poll());
    }
    return joined.flip();
  }

  @Override
  protected void onCompleteSuccess() {
    onEnd.accept(this);
    callback.succeeded();
  }

  @Override
  protected void onCompleteFailure(Throwable cause) {
    synchronized (this) {
      ending = true;
      queue.clear();
    }
    onEnd.accept(this);
    callback.failed(cause);
  }
}
