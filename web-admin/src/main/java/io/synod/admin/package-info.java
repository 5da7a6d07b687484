/** The admin console (Jakarta Faces) and, as they land, the JSON ops API; both behind the synod-admin role. */
package io.synod.admin;
