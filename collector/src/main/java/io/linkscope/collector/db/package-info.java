/** MariaDB: the connection pool and its migrations, the embedded server, and the one SQL helper. */
@NullMarked
package io.linkscope.collector.db;

import org.jspecify.annotations.NullMarked;
