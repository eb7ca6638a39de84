/**
 * IRIS assembled in one piece: {@link com.techradium.iris.Iris} builds every facade on one set of
 * stores ({@link com.techradium.iris.IrisStorage}), one clock and one runtime.
 */
@NullMarked
package com.techradium.iris;

import org.jspecify.annotations.NullMarked;
