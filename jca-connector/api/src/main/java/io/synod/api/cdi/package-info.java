/** The CDI extension that makes Synod's API injectable in every application on the instance. */
package io.synod.api.cdi;
