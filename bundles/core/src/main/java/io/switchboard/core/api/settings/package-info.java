/** Per-account settings (LivePerson's account settings: allowed domains, discovery URL, HTTP rate limit). */
@Export
@Version("1.0.0")
package io.switchboard.core.api.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
