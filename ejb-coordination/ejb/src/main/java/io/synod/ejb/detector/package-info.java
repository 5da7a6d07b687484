/**
 * The failure detector's shell: heartbeats sent to every peer at a fixed interval over the authenticated transport
 * (on the transport's threads, never the consensus loop's), their arrival times fed to the core's pure
 * {@link io.synod.core.detector.PhiAccrualDetector}, and its state changes published to applications (CDI events
 * through {@link io.synod.api.spi.MemberEventHub}), the ops API and metrics.
 */
package io.synod.ejb.detector;
