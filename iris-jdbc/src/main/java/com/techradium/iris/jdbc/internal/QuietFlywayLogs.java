package com.techradium.iris.jdbc.internal;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log Flyway writes to while IRIS migrates: its warnings and errors reach SLF4J as they are,
 * its progress messages (a dozen INFO lines per migration run, some of them confusing to a host
 * that did not ask for Flyway) go to DEBUG, under Flyway's own logger names. A host that wants them
 * turns DEBUG on for {@code org.flywaydb}. Named in {@code Flyway.configure().loggers(...)}, so it
 * needs a public no-argument constructor.
 */
public final class QuietFlywayLogs implements LogCreator {
  /** Made by Flyway from the class name. */
  public QuietFlywayLogs() {}

  @Override
  public Log createLogger(Class<?> source) {
    Logger logger = LoggerFactory.getLogger(source);
    return new Log() {
      @Override
      public boolean isDebugEnabled() {
        return logger.isDebugEnabled();
      }

      @Override
      public void debug(String message) {
        logger.debug(message);
      }

      @Override
      public void info(String message) {
        logger.debug(message);
      }

      @Override
      public void notice(String message) {
        logger.debug(message);
      }

      @Override
      public void warn(String message) {
        logger.warn(message);
      }

      @Override
      public void error(String message) {
        logger.error(message);
      }

      @Override
      public void error(String message, Exception e) {
        logger.error(message, e);
      }
    };
  }
}
