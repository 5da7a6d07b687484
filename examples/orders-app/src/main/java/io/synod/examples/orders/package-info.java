/** An example business application using Synod by injection. */
package io.synod.examples.orders;
