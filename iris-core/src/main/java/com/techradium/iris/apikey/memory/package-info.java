/**
 * The in-memory {@link com.techradium.iris.apikey.spi.ApiKeyStore}: complete and thread-safe, for
 * tests, demos and single-process tools.
 */
@NullMarked
package com.techradium.iris.apikey.memory;

import org.jspecify.annotations.NullMarked;
