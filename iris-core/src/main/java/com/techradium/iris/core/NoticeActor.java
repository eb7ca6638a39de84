package com.techradium.iris.core;

/**
 * Who acted, in a notice one facade publishes for another ({@link SecurityNotice}, {@link
 * AdminNotice}).
 */
public enum NoticeActor {
  /** A human user, by the host's user id. */
  USER,
  /** Another service or a machine client. */
  SERVICE,
  /** An API key, by its public key id (never the secret). */
  API_KEY,
  /** IRIS or the host itself. */
  SYSTEM,
  /** A caller that is not authenticated, identified by what is known (an IP address, say). */
  ANONYMOUS
}
