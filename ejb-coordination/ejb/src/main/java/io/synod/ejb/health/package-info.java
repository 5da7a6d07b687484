/** MicroProfile Health checks: {@code /health/ready} carries {@code synod}, {@code /health/live} carries {@code synod-node}. */
package io.synod.ejb.health;
