/**
 * JUnit 5 support for testing IRIS and its adapters: real embedded PostgreSQL and Redis servers,
 * one abstract contract suite per store port, and a {@link
 * com.techradium.iris.testkit.MutableClock} tests can advance.
 */
@NullMarked
package com.techradium.iris.testkit;

import org.jspecify.annotations.NullMarked;
