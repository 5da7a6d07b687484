/**
 * Node-side cluster operations shared by the ops API and the console, so both refuse and accept the same
 * requests for the same reasons.
 */
package io.synod.admin.cluster;
