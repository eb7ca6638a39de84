package com.techradium.iris.audit;

/** What kind of party performed an action. */
public enum ActorType {
  /** A human user, identified by the host's user id. */
  USER,
  /** Another service or a machine client. */
  SERVICE,
  /** An API key, identified by its key id (never the secret). */
  API_KEY,
  /** IRIS or the host application itself (scheduled cleanup, detectors). */
  SYSTEM,
  /** A caller that is not authenticated, such as the source of a failed login. */
  ANONYMOUS
}
