package io.linkscope.collector.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of a change to a stored thing (a link created, a page published) on the connection of the
 * transaction that makes it, so that what reacts to it (the webhook outbox) commits or rolls back
 * with the change. What it throws rolls the change back.
 */
@FunctionalInterface
public interface Changes {
  /** Reacts to nothing. */
  Changes NONE = (c, type, workspaceId, id) -> {};

  /**
   * Reacts to one change.
   *
   * @param type what happened, as a webhook event type such as {@code link.created}
   * @param id the id of the link or page
   */
  void changed(Connection c, String type, long workspaceId, long id) throws SQLException;
}
