/** Jakarta Security for the console: form login checked against the node's admin credentials. */
package io.synod.admin.security;
