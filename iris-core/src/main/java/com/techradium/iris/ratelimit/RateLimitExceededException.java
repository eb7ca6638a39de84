package com.techradium.iris.ratelimit;

import com.techradium.iris.core.IrisException;
import java.util.Objects;

/**
 * Thrown by {@link RateLimiter#checkOrThrow} when a request is denied, for callers who prefer an
 * exception to a {@link RateLimitDecision} value. Carries the decision, whose {@link
 * RateLimitDecision#headers()} are the response's headers.
 */
public class RateLimitExceededException extends IrisException {
  private static final long serialVersionUID = 1L;

  private final transient RateLimitDecision decision;

  /**
   * An exception for a denial.
   *
   * @param decision the denied decision
   */
  public RateLimitExceededException(RateLimitDecision decision) {
    super(
        "rate limit "
            + Objects.requireNonNull(decision, "decision").rule()
            + " exceeded; retry after "
            + decision.retryAfter());
    this.decision = decision;
  }

  /**
   * The denial.
   *
   * @return the denied decision, with its retry time and headers
   */
  public RateLimitDecision decision() {
    return decision;
  }
}
