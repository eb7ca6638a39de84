package com.techradium.iris.examples;

import org.jspecify.annotations.Nullable;

/**
 * The demo's command line: {@code --jdbc-url URL [--jdbc-user U] [--jdbc-password P]} runs every
 * store on PostgreSQL, {@code --redis-url redis://host:port} runs the job queue on Redis. With
 * neither, everything is in memory.
 */
record DemoOptions(
    @Nullable String jdbcUrl,
    @Nullable String jdbcUser,
    @Nullable String jdbcPassword,
    @Nullable String redisUrl) {

  static DemoOptions parse(String... args) {
    String jdbcUrl = null;
    String jdbcUser = null;
    String jdbcPassword = null;
    String redisUrl = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + usage());
      }
      String value = args[++i];
      switch (name) {
        case "--jdbc-url" -> jdbcUrl = value;
        case "--jdbc-user" -> jdbcUser = value;
        case "--jdbc-password" -> jdbcPassword = value;
        case "--redis-url" -> redisUrl = value;
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + usage());
      }
    }
    return new DemoOptions(jdbcUrl, jdbcUser, jdbcPassword, redisUrl);
  }

  static String usage() {
    return "usage: Demo [--jdbc-url URL [--jdbc-user USER] [--jdbc-password PASSWORD]]"
        + " [--redis-url redis://host:port]";
  }
}
