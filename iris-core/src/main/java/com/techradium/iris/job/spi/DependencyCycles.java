package com.techradium.iris.job.spi;

import com.techradium.iris.core.ValidationException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The dependency cycle check of a batch enqueue, for store authors and the facade: jobs of one
 * batch may name each other as parents, but never in a cycle. Parents outside the batch cannot
 * close a cycle (they were stored before any job of the batch existed), so only the batch is
 * walked.
 *
 * <p>Stateless and thread-safe.
 */
public final class DependencyCycles {
  private DependencyCycles() {}

  /**
   * Throws unless the new jobs of a batch are free of dependency cycles among themselves.
   *
   * @param batch the new jobs of one enqueue
   * @throws ValidationException on field {@code parentIds} if they hold a cycle
   */
  public static void requireNone(Collection<NewJob> batch) {
    Map<UUID, NewJob> byId = new HashMap<>();
    batch.forEach(n -> byId.put(n.id(), n));
    if (find(byId, NewJob::parentIds) != null) {
      throw new ValidationException("parentIds", "jobs depend on each other in a cycle");
    }
  }

  /**
   * A job of the batch that lies on a dependency cycle within the batch, or null if there is none.
   *
   * @param batch the jobs of the batch by id
   * @param parentsOf the parent ids of a job of the batch
   * @param <T> the type of a batch entry
   * @return the id of a job on a cycle, or null
   */
  public static <T> @Nullable UUID find(
      Map<UUID, T> batch, Function<? super T, List<UUID>> parentsOf) {
    Set<UUID> done = new HashSet<>();
    for (UUID start : batch.keySet()) {
      UUID found = visit(start, batch, parentsOf, new HashSet<>(), done);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static <T> @Nullable UUID visit(
      UUID id,
      Map<UUID, T> batch,
      Function<? super T, List<UUID>> parentsOf,
      Set<UUID> path,
      Set<UUID> done) {
    if (done.contains(id)) {
      return null;
    }
    if (!path.add(id)) {
      return id;
    }
    for (UUID parent : parentsOf.apply(batch.get(id))) {
      if (batch.containsKey(parent)) {
        UUID found = visit(parent, batch, parentsOf, path, done);
        if (found != null) {
          return found;
        }
      }
    }
    path.remove(id);
    done.add(id);
    return null;
  }
}
