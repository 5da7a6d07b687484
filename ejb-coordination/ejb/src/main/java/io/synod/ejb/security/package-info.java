/** Who may operate the node: the admin credentials behind the console and the ops API. */
package io.synod.ejb.security;
