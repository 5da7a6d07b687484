/**
 * The phi-accrual failure detector (Hayashibara et al., "The φ Accrual Failure Detector", SRDS 2004), shaped
 * like Akka's and Cassandra's: instead of a boolean "timed out", it answers how suspicious a member's silence is,
 * given the history of its heartbeat inter-arrival times.
 *
 * <p>Pure: the shell feeds it heartbeat arrival times and asks it about "now", both in millis from its own
 * monotonic clock; the detector never reads a clock. State changes come back as
 * {@link io.synod.core.detector.DetectorEvent}s for the shell to fire as CDI events.
 */
package io.synod.core.detector;
