/**
 * A host application with its own module descriptor, as ModularConsumerTest compiles and runs it
 * on the module path. It names only what it uses; everything else must come from the IRIS
 * descriptors (Jackson through iris-core, jOOQ, Flyway and the PostgreSQL driver through
 * iris-jdbc, the SLF4J binding by service lookup).
 */
module com.example.modular {
  requires com.techradium.iris.core;
  requires com.techradium.iris.jdbc;
  // JdbcIris.pool returns a HikariCP pool; HikariCP is optional in iris-jdbc, so a module that
  // calls it names it.
  requires com.zaxxer.hikari;
}
