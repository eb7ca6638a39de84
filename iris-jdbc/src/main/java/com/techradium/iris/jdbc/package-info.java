/**
 * PostgreSQL for IRIS: the front door {@link com.techradium.iris.jdbc.JdbcIris} (migrations, the
 * storage registry of every JDBC store, a connection pool) and {@link
 * com.techradium.iris.jdbc.JdbcTransaction}, the one way to write through the facades in the host's
 * own transaction. The stores live in sub-packages ({@code jdbc.audit}, {@code jdbc.job}, {@code
 * jdbc.core}); their plumbing ({@code JdbcContext}: statements and transactions with backend
 * failures translated to {@link com.techradium.iris.core.StorageException} in one place) lives in
 * {@code com.techradium.iris.jdbc.internal}, which is not part of the API.
 *
 * <h2>Adding a table</h2>
 *
 * <ol>
 *   <li>Write the next versioned script, {@code V<n>__<what>.sql}, in {@code
 *       src/main/resources/com/techradium/iris/jdbc/migration}. Released scripts never change;
 *       later changes are new scripts.
 *   <li>The build generates typed jOOQ classes from the scripts alone, without a database
 *       (jooq-codegen-maven with {@code DDLDatabase}, which replays the scripts into an in-memory
 *       H2): {@code com.techradium.iris.jdbc.internal.schema.Tables.IRIS_<TABLE>} with its record
 *       {@code IrisXxxRecord}. Write queries against those constants; a renamed column fails the
 *       compile.
 *   <li>Because H2 replays the scripts: use {@code varchar} rather than {@code text} for columns in
 *       keys, unique constraints or indexes (H2 cannot index its CLOB; in PostgreSQL an unbounded
 *       {@code varchar} is the same as {@code text}); put statements H2 cannot take (functions,
 *       triggers, indexes on {@code bytea} or {@code text} columns) between {@code -- [jooq ignore
 *       start]} and {@code -- [jooq ignore stop]}. Partial and BRIN indexes, CHECK constraints,
 *       {@code uuid}, {@code jsonb}, {@code bytea} and {@code timestamptz} columns need nothing
 *       special. {@code jsonb} columns come out as {@code Field<JSONB>} and {@code timestamptz} as
 *       {@code Field<Instant>}. Do not rely on generated DEFAULT expressions: set every value in
 *       the insert.
 * </ol>
 */
@NullMarked
package com.techradium.iris.jdbc;

import org.jspecify.annotations.NullMarked;
