/**
 * What a business application compiles against (Maven scope {@code provided}) to use Synod:
 * inject {@link io.synod.api.SynodCluster} (and, as they land, the store, locks and scheduler) with
 * {@code @Inject}. At run time the classes come from {@code synod-connector.rar}, deployed on the same
 * Payara instance before the application.
 */
package io.synod.api;
