package com.techradium.iris.job;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Filters for listing a tenant's jobs; unset filters match everything. Listings are newest first.
 *
 * @param queue only this queue
 * @param states only these states; empty for all
 * @param type only this handler type
 */
public record JobQuery(@Nullable String queue, Set<JobState> states, @Nullable String type) {
  /**
   * Creates a {@code JobQuery}, copying its collections.
   *
   * @param queue only this queue
   * @param states only these states; empty for all
   * @param type only this handler type
   */
  public JobQuery {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  /**
   * Every job.
   *
   * @return the query without filters
   */
  public static JobQuery all() {
    return new JobQuery(null, Set.of(), null);
  }

  /**
   * Jobs of one queue.
   *
   * @param queue the queue's name
   * @return the query
   */
  public static JobQuery queue(String queue) {
    return new JobQuery(queue, Set.of(), null);
  }

  /**
   * This query narrowed to the given states.
   *
   * @param first a state to include
   * @param more further states to include
   * @return a copy narrowed to these states
   */
  public JobQuery withStates(JobState first, JobState... more) {
    return new JobQuery(queue, EnumSet.of(first, more), type);
  }

  /**
   * This query narrowed to one handler type.
   *
   * @param type the handler type
   * @return a copy narrowed to that type
   */
  public JobQuery withType(String type) {
    return new JobQuery(queue, states, type);
  }

  /**
   * Whether {@code job} passes every filter.
   *
   * @param job the job to test
   * @return true if the job matches
   */
  public boolean matches(Job job) {
    return (queue == null || queue.equals(job.queue()))
        && (states.isEmpty() || states.contains(job.state()))
        && (type == null || type.equals(job.type()));
  }
}
