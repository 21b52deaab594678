/** Per-account stores the core provides to executors and their toolbelts (secrets, context). */
@Export
@Version("1.1.0")
package io.switchboard.core.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
