/**
 * A host application with its own module descriptor, as ModularConsumerTest compiles and runs it
 * on the module path. It names only what it uses; everything else must come from the IRIS
 * descriptors (Jackson through iris-core, jOOQ, Flyway and the PostgreSQL driver through
 * iris-jdbc, Jedis through iris-redis, the SLF4J binding by service lookup).
 */
module com.example.modular {
  requires com.techradium.iris.core;
  requires com.techradium.iris.jdbc;
  requires com.techradium.iris.redis;
  // Jedis has no descriptor (an automatic module), so the named modules it uses are not resolved
  // for it: an application on Jedis 8 names commons-pool2 (and com.google.gson and org.json if it
  // uses Jedis's JSON commands).
  requires org.apache.commons.pool2;
  // JdbcIris.pool returns a HikariCP pool; HikariCP is optional in iris-jdbc, so a module that
  // calls it names it.
  requires com.zaxxer.hikari;
}
