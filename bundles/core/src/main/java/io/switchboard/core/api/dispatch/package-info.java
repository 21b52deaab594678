/** Raising events and invoking functions through the core (what ingress routes and Camel components call), and dead letters. */
@Export
@Version("1.3.0")
package io.switchboard.core.api.dispatch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
