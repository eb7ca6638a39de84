package com.techradium.iris.monitor;

import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.monitor.spi.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Built-in health checks on the JDK alone. Each honours the timeout it is given (query timeout,
 * connect and request timeouts), so a run ends on its own rather than waiting to be interrupted.
 * Details never carry credentials: a failure is reported by its exception class and message.
 *
 * <pre>{@code
 * health.register(Component.of("database", "Database", HealthChecks.jdbc(dataSource)));
 * health.register(Component.of("api", "Public API",
 *     HealthChecks.http(URI.create("https://api.example.com/health"), s -> s == 200, body -> body.contains("ok"))));
 * health.register(Component.of("sip", "SIP edge", HealthChecks.tcp("sip.example.com", 5060)));
 * }</pre>
 */
public final class HealthChecks {
  private HealthChecks() {}

  /**
   * Borrows a connection from {@code dataSource} and runs {@code select 1} with a query timeout of
   * the run's timeout (rounded up to a second, JDBC's unit). Down if the connection or the query
   * fails.
   *
   * @param dataSource the data source to check
   * @return the check
   */
  public static HealthCheck jdbc(DataSource dataSource) {
    return jdbc(dataSource, "select 1");
  }

  /**
   * Like {@link #jdbc(DataSource)} with another query, e.g. one that touches a table.
   *
   * @param dataSource the data source to check
   * @param query the query to run
   * @return the check
   */
  public static HealthCheck jdbc(DataSource dataSource, String query) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(query, "query");
    return timeout -> {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement()) {
        s.setQueryTimeout((int) Math.max(1, (timeout.toMillis() + 999) / 1000));
        try (ResultSet r = s.executeQuery(query)) {
          return r.next() ? CheckVerdict.up() : CheckVerdict.down("query returned no row");
        }
      }
    };
  }

  /**
   * A GET of {@code uri}: up when {@code status} accepts the status code and {@code body} accepts
   * the body, degraded when the status is accepted but the body is not, down otherwise (or on a
   * connection failure or timeout).
   *
   * @param uri the URI to get
   * @param status accepts the status codes that count as up
   * @param body accepts the bodies that count as up
   * @return the check
   */
  public static HealthCheck http(URI uri, IntPredicate status, Predicate<String> body) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(body, "body");
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("uri must be http or https, got " + scheme);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return timeout -> {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      int code = response.statusCode();
      if (!status.test(code)) {
        return CheckVerdict.down("HTTP " + code);
      }
      return body.test(response.body())
          ? CheckVerdict.up("HTTP " + code)
          : CheckVerdict.degraded("HTTP " + code + ", unexpected body");
    };
  }

  /**
   * A GET of {@code uri}, up on any 2xx status.
   *
   * @param uri the URI to get
   * @return the check
   */
  public static HealthCheck http(URI uri) {
    return http(uri, code -> code >= 200 && code < 300, body -> true);
  }

  /**
   * Opens a TCP connection to {@code host:port} within the run's timeout and closes it.
   *
   * @param host the host
   * @param port the port
   * @return the check
   */
  public static HealthCheck tcp(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    return timeout -> {
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(host, port),
            (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return CheckVerdict.up();
      } catch (IOException e) {
        return CheckVerdict.down("cannot connect to " + host + ":" + port + ": " + e.getMessage());
      }
    };
  }
}
