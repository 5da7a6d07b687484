/** Backing beans of the console pages. */
package io.synod.admin.console;
