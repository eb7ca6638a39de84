/** The runnable IRIS demo and small sample programs. */
@NullMarked
package com.techradium.iris.examples;

import org.jspecify.annotations.NullMarked;
