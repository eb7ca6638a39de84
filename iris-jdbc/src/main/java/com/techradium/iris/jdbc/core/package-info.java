/** PostgreSQL adapters of the shared kernel's ports, such as the tenant directory. */
@NullMarked
package com.techradium.iris.jdbc.core;

import org.jspecify.annotations.NullMarked;
