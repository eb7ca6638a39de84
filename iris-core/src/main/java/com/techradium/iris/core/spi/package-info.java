/**
 * What a store author needs from the kernel beside the ports: opaque keyset cursors ({@link
 * com.techradium.iris.core.spi.Cursors}).
 */
@NullMarked
package com.techradium.iris.core.spi;

import org.jspecify.annotations.NullMarked;
