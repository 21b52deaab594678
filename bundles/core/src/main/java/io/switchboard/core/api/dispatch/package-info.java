/**
 * Raising events and invoking functions through the core (what ingress routes, Camel components and the LivePerson
 * gateway call), function-to-function calls, settled asynchronous events, and dead letters.
 */
@Export
@Version("1.4.0")
package io.switchboard.core.api.dispatch;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
