/**
 * For store and check authors: the {@link com.techradium.iris.monitor.spi.HealthCheck} port, the
 * stores ({@link com.techradium.iris.monitor.spi.CheckResultStore}, {@link
 * com.techradium.iris.monitor.spi.MetricStore}, {@link
 * com.techradium.iris.monitor.spi.AlertRuleStore}, {@link
 * com.techradium.iris.monitor.spi.IncidentStore}) and the rule every incident store applies ({@link
 * com.techradium.iris.monitor.spi.IncidentWorkflow}). Each store is held to its contract suite in
 * iris-testkit ({@code com.techradium.iris.testkit.monitor}). Every store holds deployment data:
 * nothing here is per tenant.
 */
@NullMarked
package com.techradium.iris.monitor.spi;

import org.jspecify.annotations.NullMarked;
