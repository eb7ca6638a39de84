package com.techradium.iris.redis.job;

import com.techradium.iris.redis.internal.RedisScript;

/**
 * The job store's Lua scripts, each the shared {@code lib.lua} followed by the script's own text,
 * loaded once from {@code com/techradium/iris/redis/job/}. Immutable.
 */
final class JobScripts {
  private static final String DIR = "/com/techradium/iris/redis/job/";
  private static final String LIB =
      RedisScript.fromResource(JobScripts.class, DIR + "lib.lua").source();

  static final RedisScript INSERT = load("insert");
  static final RedisScript CLAIM = load("claim");
  static final RedisScript RENEW = load("renew");
  static final RedisScript PROGRESS = load("progress");
  static final RedisScript LOAD = load("load");
  static final RedisScript FINISH = load("finish");
  static final RedisScript FINISH_ALL = load("finish-all");
  static final RedisScript RELEASE = load("release");
  static final RedisScript REQUEUE = load("requeue");
  static final RedisScript CAS = load("cas");
  static final RedisScript CLEANUP = load("cleanup");
  static final RedisScript CRON_FIRE = load("cron-fire");
  static final RedisScript CRON_SAVE = load("cron-save");
  static final RedisScript CRON_DELETE = load("cron-delete");
  static final RedisScript GET_MANY = load("get-many");

  private JobScripts() {}

  private static RedisScript load(String name) {
    String body = RedisScript.fromResource(JobScripts.class, DIR + name + ".lua").source();
    return RedisScript.of(DIR + name + ".lua", LIB + "\n" + body);
  }
}
