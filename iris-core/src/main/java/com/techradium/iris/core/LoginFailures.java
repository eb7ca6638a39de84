package com.techradium.iris.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How the facades of one {@link IrisContext} count a failed login once and record it once, without
 * importing each other: the rate limiter {@linkplain #countWith registers} the {@link Counter} (its
 * login rules, the one counting of failures) and the audit log {@linkplain #recordWith registers}
 * the {@link Recorder} (the failed-login event and the lockout's security event). Shaped like
 * {@link DeferredWork}.
 *
 * <p>The rule for hosts: record each failed login in one place, through either facade. The audit
 * log's {@code recordFailedLogin} counts it through the counter when one is registered (instead of
 * counting failed-login events in its store), and the rate limiter's {@code loginFailed} hands it
 * to the recorder when one is registered (which records the event). Either way a failure is one
 * count and one event, and a lockout is one security event. Without the other facade each behaves
 * on its own.
 *
 * <pre>{@code
 * context.loginFailures().countWith((tenant, account, ip) -> countAgainstLoginRules(...));   // limiter
 * context.loginFailures().recordWith((tenant, account, ip, count) -> recordEvents(...));    // audit log
 * }</pre>
 *
 * <p>The first counter and the first recorder registered are the ones used; a second facade of the
 * same kind on the context does not take over. Thread-safe.
 */
public final class LoginFailures {
  /** Counts failed logins under the deployment's login limits: the rate limiter. */
  @FunctionalInterface
  public interface Counter {
    /**
     * Counts one failed login of {@code account} from {@code ip} now, atomically with every other
     * count of the same keys.
     *
     * @param tenant the tenant of the account
     * @param account the account name the login tried
     * @param ip the client's IP address, or null when unknown
     * @return the counts after this failure and any lockout it started
     * @throws ValidationException on an unknown tenant or input the counter cannot key; nothing is
     *     counted
     */
    LoginCount count(TenantId tenant, String account, @Nullable String ip);
  }

  /** Records failed logins and the lockouts they start: the audit log. */
  @FunctionalInterface
  public interface Recorder {
    /**
     * Validates the failed login, calls {@code count} once to count it, then records the failure
     * and, once per lockout, a security event.
     *
     * @param tenant the tenant of the account
     * @param account the account name the login tried
     * @param ip the client's IP address, or null when unknown
     * @param count counts the failure; called at most once
     * @throws ValidationException on input it cannot record; {@code count} is then not called
     */
    void record(TenantId tenant, String account, @Nullable String ip, Supplier<LoginCount> count);
  }

  private volatile @Nullable Counter counter;
  private volatile @Nullable Recorder recorder;

  /** A hook with no counter and no recorder. */
  public LoginFailures() {}

  /**
   * Registers the counter unless one is registered already; returns whether it was.
   *
   * @param counter the counter, provided by a rate limiter
   * @return true if it was registered, false if a counter was there already
   */
  public synchronized boolean countWith(Counter counter) {
    Objects.requireNonNull(counter, "counter");
    if (this.counter != null) {
      return false;
    }
    this.counter = counter;
    return true;
  }

  /**
   * Registers the recorder unless one is registered already; returns whether it was.
   *
   * @param recorder the recorder, provided by an audit log
   * @return true if it was registered, false if a recorder was there already
   */
  public synchronized boolean recordWith(Recorder recorder) {
    Objects.requireNonNull(recorder, "recorder");
    if (this.recorder != null) {
      return false;
    }
    this.recorder = recorder;
    return true;
  }

  /**
   * The counter, when a rate limiter shares the context.
   *
   * @return the counter, or empty when no rate limiter registered one
   */
  public Optional<Counter> counter() {
    return Optional.ofNullable(counter);
  }

  /**
   * The recorder, when an audit log shares the context.
   *
   * @return the recorder, or empty when no audit log registered one
   */
  public Optional<Recorder> recorder() {
    return Optional.ofNullable(recorder);
  }
}
