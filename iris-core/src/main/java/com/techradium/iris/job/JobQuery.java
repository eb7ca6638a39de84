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
  public JobQuery {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
  }

  /** Every job. */
  public static JobQuery all() {
    return new JobQuery(null, Set.of(), null);
  }

  /** Jobs of one queue. */
  public static JobQuery queue(String queue) {
    return new JobQuery(queue, Set.of(), null);
  }

  /** This query narrowed to the given states. */
  public JobQuery withStates(JobState first, JobState... more) {
    return new JobQuery(queue, EnumSet.of(first, more), type);
  }

  /** This query narrowed to one handler type. */
  public JobQuery withType(String type) {
    return new JobQuery(queue, states, type);
  }

  /** Whether {@code job} passes every filter. */
  public boolean matches(Job job) {
    return (queue == null || queue.equals(job.queue()))
        && (states.isEmpty() || states.contains(job.state()))
        && (type == null || type.equals(job.type()));
  }
}
