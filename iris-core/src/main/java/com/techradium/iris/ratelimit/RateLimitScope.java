package com.techradium.iris.ratelimit;

/**
 * What a rule counts by. A rule's scope is a set of these: {@code {USER}} counts each user
 * separately, {@code {API_KEY, RESOURCE}} each key on each resource, {@code {TENANT}} the whole
 * tenant. A rule applies to a request only when the request carries every part of its scope.
 */
public enum RateLimitScope {
  /** The tenant as a whole. */
  TENANT,
  /** The user (account) making the request. */
  USER,
  /** The public id of the API key used. */
  API_KEY,
  /** The client's IP address. */
  IP,
  /** The resource or endpoint requested. */
  RESOURCE
}
