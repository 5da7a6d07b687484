/** MicroProfile Metrics published at {@code /metrics} (application scope). */
package io.synod.ejb.metrics;
