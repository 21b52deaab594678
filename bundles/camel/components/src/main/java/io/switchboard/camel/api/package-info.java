/** What routes and event-source bundles use besides Camel and the core API: header names, resource loading, webhook answers. */
@Export
@Version("1.2.0")
package io.switchboard.camel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
