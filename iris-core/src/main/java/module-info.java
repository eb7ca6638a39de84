/**
 * IRIS core: the facades, their values, the ports ({@code spi}) and the in-memory adapters.
 *
 * <p>Exports every host package and every {@code spi} package. The {@code internal} packages are
 * not API: {@code core.internal} is exported only to the IRIS adapter modules that share its
 * plumbing, {@code job.internal} to none. Types of Jackson ({@code JsonNode}), {@code java.sql}
 * ({@code DataSource}) and JSpecify appear in the API, so a module that requires this one reads
 * them too.
 */
module com.techradium.iris.core {
  requires transitive com.fasterxml.jackson.databind;
  requires transitive java.sql;
  requires transitive org.jspecify;
  requires java.net.http;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.cronutils;
  requires com.github.benmanes.caffeine;
  requires com.google.common;
  requires com.networknt.schema;
  requires tools.jackson.core;
  requires org.slf4j;

  exports com.techradium.iris;
  exports com.techradium.iris.apikey;
  exports com.techradium.iris.apikey.memory;
  exports com.techradium.iris.apikey.spi;
  exports com.techradium.iris.audit;
  exports com.techradium.iris.audit.memory;
  exports com.techradium.iris.audit.spi;
  exports com.techradium.iris.core;
  exports com.techradium.iris.core.spi;
  exports com.techradium.iris.job;
  exports com.techradium.iris.job.memory;
  exports com.techradium.iris.job.spi;
  exports com.techradium.iris.monitor;
  exports com.techradium.iris.monitor.memory;
  exports com.techradium.iris.monitor.spi;
  exports com.techradium.iris.ratelimit;
  exports com.techradium.iris.ratelimit.memory;
  exports com.techradium.iris.ratelimit.spi;
  exports com.techradium.iris.recording;
  exports com.techradium.iris.recording.file;
  exports com.techradium.iris.recording.memory;
  exports com.techradium.iris.recording.spi;
  exports com.techradium.iris.webhook;
  exports com.techradium.iris.webhook.memory;
  exports com.techradium.iris.webhook.spi;

  // Plumbing the adapter modules share (IrisJson, BuilderChecks, JoinedTransaction): not API.
  exports com.techradium.iris.core.internal to
      com.techradium.iris.jdbc,
      com.techradium.iris.redis,
      com.techradium.iris.webhook.okhttp,
      com.techradium.iris.testkit;

  // Jackson writes and reads the monitor's records (status summaries, alert conditions).
  opens com.techradium.iris.monitor to
      com.fasterxml.jackson.databind;
}
