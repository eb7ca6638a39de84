/**
 * PostgreSQL infrastructure shared by every JDBC store: {@link com.techradium.iris.jdbc.JdbcIris}
 * (migrations, jOOQ context, connection pool) and {@link com.techradium.iris.jdbc.JdbcContext}
 * (statements and transactions with backend failures translated to {@link
 * com.techradium.iris.core.StorageException}).
 */
@NullMarked
package com.techradium.iris.jdbc;

import org.jspecify.annotations.NullMarked;
