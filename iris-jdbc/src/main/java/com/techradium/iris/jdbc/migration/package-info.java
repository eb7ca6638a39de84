/**
 * IRIS's versioned SQL migrations ({@code V<n>__<what>.sql}), resources that {@link
 * com.techradium.iris.jdbc.JdbcIris#migrate} hands to Flyway. The package holds no API; it exists
 * so the module descriptor can open the scripts to Flyway, which reads them as resources.
 */
@NullMarked
package com.techradium.iris.jdbc.migration;

import org.jspecify.annotations.NullMarked;
