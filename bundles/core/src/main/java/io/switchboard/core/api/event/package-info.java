/** Event types: what event-source bundles contribute to the catalogue (whiteboard services). */
@Export
@Version("1.0.0")
package io.switchboard.core.api.event;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
