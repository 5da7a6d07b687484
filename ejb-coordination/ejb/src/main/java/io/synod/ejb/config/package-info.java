/**
 * The node's configuration: every {@code synod.*} key ({@link io.synod.ejb.config.ConfigKey}), read from
 * MicroProfile Config and validated once at start; an invalid value stops the node with a one-line reason.
 */
package io.synod.ejb.config;
