/**
 * IRIS on PostgreSQL: the front door {@code JdbcIris} and a store for every port.
 *
 * <p>Exports the front door and the store packages; {@code jdbc.internal} (plumbing and the
 * generated jOOQ classes) is not API. {@code DataSource}, {@code Connection} and jOOQ's {@code
 * DSLContext} appear in the API, so a module that requires this one reads them too. HikariCP is
 * optional: a module that calls {@code JdbcIris.pool} requires {@code com.zaxxer.hikari} itself.
 *
 * <p>Flyway 13 ships no module name of its own, so it is required by the name Java derives from its
 * jar's file name, {@code flyway.core}; the compiler warns about that, and a later Flyway that
 * declares a name will need this descriptor changed.
 */
module com.techradium.iris.jdbc {
  requires transitive com.techradium.iris.core;
  requires com.github.benmanes.caffeine;
  requires transitive java.sql;
  requires transitive org.jooq;
  requires static transitive com.zaxxer.hikari;
  // Compile time only: jOOQ's settings classes carry JAXB annotations, which javac and Javadoc
  // resolve when they read those classes; nothing of IRIS uses JAXB at run time.
  requires static jakarta.xml.bind;
  requires flyway.core;
  requires org.postgresql.jdbc;
  requires org.slf4j;

  exports com.techradium.iris.jdbc;
  exports com.techradium.iris.jdbc.apikey;
  exports com.techradium.iris.jdbc.audit;
  exports com.techradium.iris.jdbc.core;
  exports com.techradium.iris.jdbc.job;
  exports com.techradium.iris.jdbc.monitor;
  exports com.techradium.iris.jdbc.ratelimit;
  exports com.techradium.iris.jdbc.recording;
  exports com.techradium.iris.jdbc.webhook;

  // Flyway reads the SQL migrations as resources and makes the log bridge by its class name.
  opens com.techradium.iris.jdbc.migration;
  opens com.techradium.iris.jdbc.internal to
      flyway.core;

  // jOOQ makes records of the generated tables reflectively.
  opens com.techradium.iris.jdbc.internal.schema to
      org.jooq;
  opens com.techradium.iris.jdbc.internal.schema.tables to
      org.jooq;
  opens com.techradium.iris.jdbc.internal.schema.tables.records to
      org.jooq;
}
