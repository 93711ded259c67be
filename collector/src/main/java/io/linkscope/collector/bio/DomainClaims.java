package io.linkscope.collector.bio;

import java.sql.SQLException;

/** Custom domains belong to one workspace: the first to put a link or a page on them. */
@FunctionalInterface
public interface DomainClaims {
  /** Claims {@code host} for the workspace if nobody has it; true when the workspace owns it. */
  boolean claim(String host, long workspaceId) throws SQLException;
}
