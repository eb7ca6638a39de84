/**
 * The contract suite of the monitor's stores: {@link
 * com.techradium.iris.testkit.monitor.MonitorStoreContract}, which an adapter extends once for its
 * four stores (check results, metrics, alert rules, incidents). The stores hold deployment data,
 * shared by all tests on one database, so every test works on names of its own.
 */
@NullMarked
package com.techradium.iris.testkit.monitor;

import org.jspecify.annotations.NullMarked;
