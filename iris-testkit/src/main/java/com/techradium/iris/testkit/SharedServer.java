package com.techradium.iris.testkit;

import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Holds the one server of a kind for a JVM run: the external server named by an environment
 * variable, else an embedded one, started on first use. A start that failed fails the same way on
 * every later call, so each test class reports the cause instead of retrying a slow start.
 */
final class SharedServer<T> {
  private final String urlVariable;
  private final Function<String, T> external;
  private final Supplier<T> embedded;
  private @Nullable T server;
  private @Nullable RuntimeException startFailure;

  SharedServer(String urlVariable, Function<String, T> external, Supplier<T> embedded) {
    this.urlVariable = urlVariable;
    this.external = external;
    this.embedded = embedded;
  }

  synchronized T get() {
    if (server != null) {
      return server;
    }
    if (startFailure != null) {
      throw startFailure;
    }
    try {
      String url = System.getenv(urlVariable);
      T started = url != null && !url.isBlank() ? external.apply(url.trim()) : embedded.get();
      server = started;
      return started;
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }
}
