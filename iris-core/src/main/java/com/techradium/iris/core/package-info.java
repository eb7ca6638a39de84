/**
 * The shared kernel of IRIS: tenant ids, time-ordered ids, cursor paging, the error hierarchy,
 * validation, JSON and the runtime that owns background work. Only what two or more facades need
 * lives here.
 */
@NullMarked
package com.techradium.iris.core;

import org.jspecify.annotations.NullMarked;
